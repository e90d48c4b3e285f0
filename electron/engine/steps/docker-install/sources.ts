/**
 * Where docker-ce comes from for `official` and `mirror`: Docker's own repository or one of
 * its mirrors.
 */
import type { DockerOptions } from '../../inventory/schema';

export const DOCKER_OFFICIAL_BASE = 'https://download.docker.com';

/** docker-ce mirrors that users in China reach fastest; each mirrors download.docker.com. */
export const DOCKER_CE_MIRRORS: Readonly<Record<string, string>> = {
  aliyun: 'https://mirrors.aliyun.com/docker-ce',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn/docker-ce',
  ustc: 'https://mirrors.ustc.edu.cn/docker-ce',
  azure: 'https://mirror.azure.cn/docker-ce',
};

/** The options this step reads; `offlineBundle` is read from disk separately. */
export type DockerInstallOptions = Pick<
  DockerOptions,
  'install' | 'mirror' | 'version' | 'removeConflicting'
>;

/** CentOS 7's docker-ce repository stopped at 26.1: newer pins cannot be installed there. */
export const CENTOS7_LAST_DOCKER = { major: 26, minor: 1 } as const;

/** The base URL of the docker-ce repository (without `/linux/…`), for official and mirror. */
export function dockerRepoBase(docker: Pick<DockerOptions, 'install' | 'mirror'>): string {
  if (docker.install !== 'mirror') return DOCKER_OFFICIAL_BASE;
  const mirror = docker.mirror ?? '';
  return (DOCKER_CE_MIRRORS[mirror] ?? mirror).replace(/\/+$/, '');
}
