import { ApiRequestError, apiUrl, currentCsrfToken, errorFromBody } from './client';
import { resultOf, type JobAccepted } from './jobs';

/** One problem in an imported file, with its 1-based line (0 for the whole file). */
export interface ImportError {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** The report of one import. Counts are of cases, except `rejectedFileCount`. */
export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  /** Valid cases not stored because their file was rejected. */
  rejected: number;
  /** Files not imported at all, including those rejected before any case was read. */
  rejectedFileCount?: number;
  rejectedFiles: string[];
  errors: ImportError[];
  skipped: Array<{ file: string; refs: string[] }>;
  redactions: Record<string, number>;
  /** Remarks on an import that worked but looks like a mistake (absent from older servers). */
  warnings?: Array<{ file: string; message: string }>;
}

/** File extensions the importer reads: archives and chat transcripts. */
export const IMPORT_EXTENSIONS = ['.md', '.markdown', '.jsonl', '.ndjson', '.csv', '.txt', '.log'];

/**
 * Uploads files to POST /import as multipart form data and reports upload progress (0 to 1).
 * XMLHttpRequest is used because fetch reports no upload progress. A 422 `import-rejected`
 * error carries the import report in `details`. The import runs as a job. When the reply is 202
 * because the job is still running, the job is polled until it is done.
 */
export function uploadImport(
  files: File[],
  options: { skipInvalid: boolean; onProgress(share: number): void },
): Promise<ImportSummary> {
  const form = new FormData();
  form.append('skipInvalid', String(options.skipInvalid));
  for (const file of files) form.append('files', file, file.name);

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl('/import'));
    request.responseType = 'json';
    request.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token) request.setRequestHeader('x-csrf-token', token);

    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      // A large import outlasts the server's wait: the 202 reply names its job, polled here.
      if (request.status === 202) resolve(jobReport(request.response as JobAccepted));
      else if (request.status >= 200 && request.status < 300)
        resolve(request.response as ImportSummary);
      else reject(errorFromBody(request.status, request.statusText, request.response));
    };
    request.onerror = () => reject(new ApiRequestError(0, 'network-error', 'upload failed'));
    request.send(form);
  });
}

/** Waits for an import job; rejected files raise `import-rejected` as the direct reply does. */
async function jobReport(accepted: JobAccepted): Promise<ImportSummary> {
  const summary = await resultOf<ImportSummary>(accepted);
  if (summary.rejectedFiles.length > 0) {
    throw new ApiRequestError(
      422,
      'import-rejected',
      `${summary.rejectedFiles.length} file(s) rejected; nothing from them was stored.`,
      summary,
    );
  }
  return summary;
}
