import { findPlaceholders } from '../redact/index.js';

// A remark in brackets within a category line (上传下载（联系人：张伟 13800138000）). Bounded, so a
// bracket that is never closed costs a short scan.
const BRACKETED_REMARK = /[ \t]*[（(【][^（(【）)】]{0,200}[）)】]/g;

/**
 * Removes the bracketed remarks of a redacted category field that hold personal data, so
 * `上传下载（联系人：[NAME_1] [PHONE_1]）` is stored as 上传下载 and does not become a category of
 * its own. Other remarks stay, and a field that would be left empty is returned whole.
 */
export function withoutPersonalRemarks(field: string): string {
  if (!field.includes('[')) return field;
  const withoutRemarks = field.replace(BRACKETED_REMARK, (remark) =>
    findPlaceholders(remark).some((placeholder) => placeholder.index !== null) ? '' : remark,
  );
  return withoutRemarks.trim() === '' ? field : withoutRemarks.trim();
}
