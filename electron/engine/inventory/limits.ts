/**
 * How large an inventory and its values may be. One declaration for the engine, the CLI, the
 * desktop app and its IPC contract; this module imports nothing, so any of them may use it.
 */

/** An inventory file larger than this is not one: it is refused after reading this much. */
export const MAX_INVENTORY_BYTES = 2_000_000;

/** The longest text any inventory value may hold, when its field sets no tighter cap. */
export const MAX_TEXT_LENGTH = 4096;

/**
 * URLs (mirrors, registry mirrors, Docker listen addresses). A mirror's URL is rarely longer
 * than 100 characters; the cap keeps pasted blobs out of repo files, messages and reports.
 */
export const MAX_URL_LENGTH = 2048;

/** Paths on the operator's machine (Linux's PATH_MAX). */
export const MAX_PATH_LENGTH = 4096;

/** Inline secrets: PAM passes at most 512 bytes of a password; a passphrase gets more room. */
export const MAX_SECRET_LENGTH = 1024;

/** Environment variable names (a name, not a value). */
export const MAX_ENV_NAME_LENGTH = 255;

/** Docker versions such as 5:24.0.7-1~debian.12~bookworm. */
export const MAX_DOCKER_VERSION_LENGTH = 128;

/** Image references: Docker caps the name at 255 characters, a tag at 128, a digest at 71. */
export const MAX_IMAGE_REFERENCE_LENGTH = 512;
