/** An archive of two records; the second lacks its category line, so the reader rejects the file. */
export const ARCHIVE_WITH_ERROR = `# 客户支持问题处理记录 (Part 90)

本文档包含 2 个客户支持问题的结构化记录。

================================================================================

## Q1: 短信签名审核不通过

**问题分类**: 云短信｜签名模板审核

### 问题描述
签名提交后被驳回

### 客服解答
您好，请上传营业执照后重新提交。

### 根本原因分析
签名资质材料不完整

### 完整对话记录
**客户**：签名提交后被驳回

**客服**：您好，请上传营业执照后重新提交。

---
## Q2: 没有分类的记录

### 问题描述
这条记录缺少问题分类

### 客服解答


### 根本原因分析


### 完整对话记录
**客户**：这条记录缺少问题分类

---
`;

/** Returns an archive of one record whose product name is markup that sets `flag` if run. */
export function archiveWithHostileCategory(flag: string): string {
  return `# 客户支持问题处理记录 (Part 91)

本文档包含 1 个客户支持问题的结构化记录。

================================================================================

## Q1: 分类名里有标记

**问题分类**: <img src=x onerror="window.${flag}=4">｜<b>类型</b>

### 问题描述
分类名包含 HTML

### 客服解答
已处理

### 根本原因分析
无

### 完整对话记录
**客户**：分类名包含 HTML

**客服**：已处理

---
`;
}
