/**
 * Expected failures of backup, verification and restore. `file` names the archive member that failed
 * (`manifest.json`, `database/gongkai.sqlite`, `files/ab/ab…`), when one did; the message is plain Chinese
 * for the county's operator, the code is stable for scripts and tests.
 */
export type BackupFailureCode =
  | 'ARCHIVE_UNREADABLE'
  | 'MANIFEST_MISSING'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_CHECKSUM'
  | 'UNSUPPORTED_FORMAT'
  | 'UNEXPECTED_ENTRY'
  | 'CHECKSUM_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'MISSING_FROM_ARCHIVE'
  | 'DATABASE_UNREADABLE'
  | 'COUNTS_MISMATCH'
  | 'MIGRATION_MISMATCH'
  | 'AUDIT_CHAIN_BROKEN'
  | 'AUDIT_HEAD_MISMATCH'
  | 'FILE_NOT_IN_ARCHIVE'
  | 'NEWER_VERSION'
  | 'WRONG_DATABASE_KIND'
  | 'TARGET_NOT_EMPTY'
  | 'PG_TOOL_MISSING'
  | 'PG_TOOL_FAILED'
  | 'SQLITE_IN_MEMORY'
  | 'BACKUP_DIR_UNWRITABLE';

export interface BackupFailure {
  code: BackupFailureCode;
  /** The archive member that failed, if one did. */
  file: string | null;
  message: string;
}

export class BackupError extends Error {
  constructor(
    readonly code: BackupFailureCode,
    message: string,
    readonly file: string | null = null,
  ) {
    super(message);
  }
  toFailure(): BackupFailure {
    return { code: this.code, file: this.file, message: this.message };
  }
}
