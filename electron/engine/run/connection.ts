import type { ExecOptions, ExecResult, UploadOptions } from '../../shared/exec';

/** The raw link to one host that the runner records around. The SSH layer provides it. */
export interface HostConnection {
  exec(script: string, options: ExecOptions): Promise<ExecResult>;
  uploadFile(path: string, content: string | Buffer, options: UploadOptions): Promise<void>;
}

export interface ConnectionProvider {
  connectionFor(hostId: string): HostConnection;
}

/** Hides secrets in everything the engine says. The one place where redaction happens. */
export interface SecretFilter {
  redact(text: string): string;
  /** Redacts every string (and key) inside a value, such as an event, returning a copy. */
  redactDeep<T>(value: T): T;
  addSecret(secret: string): void;
  /** A filter for one stream of chunks: holds back a tail that could be the start of a secret. */
  stream(): { push(chunk: string): string; flush(): string };
}
