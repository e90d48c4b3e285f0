/**
 * The practice lab: Debian 12 hosts booted with systemd-nspawn on this machine,
 * each with systemd, OpenSSH, password logins and its own address, and no Docker.
 * Linux and root only. See /work/shared/LAB.md for the facts this is built on.
 */
export { labDown, labStatus, labUp } from './lifecycle';
export type { LabDownOptions, LabUpOptions } from './lifecycle';
export { hostExec, resetHosts, restartHost, setLinkDown, setLinkUp } from './control';
export type { CommandResult } from './exec';
export { sha256Fingerprint } from './identity';
export { LabPreflightError } from './preflight';
export { reserveLab } from './state';
export type { LabHost, LabHostStatus, LabImage, LabInfo, LabLog, LabStatus } from './types';
