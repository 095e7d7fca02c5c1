import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readArchiveFile } from '../../src/ingest/archive-reader.js';
import {
  readTranscriptFile,
  toCaseRecord,
  type Conversation,
  type MessageRole,
} from '../../src/ingest/transcripts/index.js';
import { parseTimestamp } from '../../src/ingest/transcripts/timestamps.js';
import { SAMPLE, fixture } from '../helpers.js';

type Line = [role: MessageRole, text: string, at?: string];

interface ConversationOptions {
  id?: string;
  title?: string | null;
}

function conversation(lines: readonly Line[], options: ConversationOptions = {}): Conversation {
  return {
    id: options.id ?? 'c1',
    title: options.title ?? null,
    category: null,
    createdAt: null,
    line: 1,
    messages: lines.map(([role, text, at], index) => ({
      role,
      text,
      at: at === undefined ? null : parseTimestamp(at),
      line: index + 1,
    })),
  };
}

function caseOf(lines: readonly Line[], options: ConversationOptions = {}) {
  return toCaseRecord(conversation(lines, options), 'exports/chats.jsonl');
}

const fixtureCases = readTranscriptFile(fixture('transcripts', 'chats.jsonl')).conversations;

function fixtureCase(id: string) {
  const found = fixtureCases.find((candidate) => candidate.meta.conversationId === id);
  assert.ok(found, `conversation ${id} is missing from the fixture`);
  return found;
}

describe('toCaseRecord on the certificate chat', () => {
  const { record, meta } = fixtureCase('c-1001');

  it('uses the file name as source', () => {
    assert.equal(record.source, 'chats.jsonl');
  });

  it('prefixes the ref with T-', () => {
    assert.equal(record.ref, 'T-c-1001');
  });

  it('keeps the meaningful title', () => {
    assert.equal(record.title, '免费证书一直在审核中');
  });

  it('takes product and type from category', () => {
    assert.equal(record.product, 'CDN');
    assert.equal(record.type, '证书问题');
    assert.deepEqual(meta.sourceCategory, { product: 'CDN', type: '证书问题' });
  });

  it('skips the greeting in description', () => {
    assert.equal(
      record.description,
      '域名 img.example.com 的免费证书申请了两天，一直显示审核中，网站现在打不开',
    );
  });

  it('summarizes the answer', () => {
    const expected = [
      '您好，您的证书还在等待CA机构审核，DNS验证记录没有生效，请检查一下 _dnsauth 的TXT记录',
      '您好，这边手动介入下处理，麻烦稍等。',
      '您好，抱歉让您久等了，已经处理完成，您确认下。',
    ].join(' ');
    assert.equal(record.answer, expected);
  });

  it('leaves rootCause empty', () => {
    assert.equal(record.rootCause, '');
  });

  it('keeps every turn in order', () => {
    assert.equal(record.turns.length, 10);
    assert.deepEqual(record.turns[0], { role: 'customer', text: '你好' });
    assert.deepEqual(record.turns[9], { role: 'agent', text: '嗯嗯，不客气的' });
  });

  it('fills the meta', () => {
    assert.equal(meta.conversationId, 'c-1001');
    assert.equal(meta.status, 'customer-resolved');
    assert.equal(meta.createdAt, '2024-10-07T03:20:00.000Z');
    assert.equal(meta.firstResponseSeconds, 66);
    assert.equal(meta.durationSeconds, 2970);
    assert.equal(meta.messageCount, 10);
  });
});

describe('toCaseRecord on the other fixture chats', () => {
  it('derives a title for "1"', () => {
    assert.equal(fixtureCase('c-1002').record.title, '上传图片一直报错401：expired token');
  });

  it('derives a title for "test"', () => {
    assert.equal(fixtureCase('c-1004').record.title, '账号被冻结了，登录提示账户异常，怎么解冻');
  });

  it('leaves product and type empty', () => {
    const { record, meta } = fixtureCase('c-1004');
    assert.equal(record.product, '');
    assert.equal(record.type, '');
    assert.equal(meta.sourceCategory, null);
  });

  it('reports each fixture status', () => {
    assert.equal(fixtureCase('c-1002').meta.status, 'answered');
    assert.equal(fixtureCase('c-1003').meta.status, 'waiting-for-human');
    assert.equal(fixtureCase('c-1004').meta.status, 'no-answer');
  });

  it('keeps contact data for redaction', () => {
    assert.ok(fixtureCase('c-1002').record.description.includes('dev-team@example.com'));
    assert.ok(fixtureCase('c-1003').record.description.includes('13800000000'));
  });
});

describe('case titles', () => {
  const customer: Line[] = [['customer', '你好，上传图片报错401。附件在下面']];

  for (const title of [
    '',
    '  ',
    '1',
    'test',
    'Test 2',
    '咨询',
    '你好',
    '在吗?',
    '？？',
    'a',
    'N/A',
  ]) {
    it(`replaces the title ${JSON.stringify(title)}`, () => {
      assert.equal(caseOf(customer, { title }).record.title, '上传图片报错401');
    });
  }

  for (const title of ['免费 from 自动催单', 'CDN回源', 'Upload fails']) {
    it(`keeps the title ${JSON.stringify(title)}`, () => {
      assert.equal(caseOf(customer, { title }).record.title, title);
    });
  }

  it('strips greetings and 请问', () => {
    const { record } = caseOf([['customer', 'hi 您好，请问上传图片报错401怎么办？']]);
    assert.equal(record.title, '上传图片报错401怎么办');
  });

  it('skips greeting-only messages', () => {
    const lines: Line[] = [
      ['customer', '你好'],
      ['customer', '在吗？'],
      ['customer', '[图片]'],
      ['customer', '账号被冻结了'],
    ];
    assert.equal(caseOf(lines).record.title, '账号被冻结了');
  });

  it('cuts at a clause boundary', () => {
    const text = '我们刚买了一个云服务器突发性能实例 t6 2C2G，款也扣了，在控制平台，查不到呢';
    assert.equal(
      caseOf([['customer', text]]).record.title,
      '我们刚买了一个云服务器突发性能实例 t6 2C2G，款也扣了',
    );
  });

  it('cuts no URL at its colon', () => {
    // "The mirror fetch of my bucket returns 404, the origin is https://…".
    const text = '空间配置了镜像回源访问新文件一直是404源站是 https://img.example.cn/a';
    const title = caseOf([['customer', text]]).record.title;
    assert.doesNotMatch(title, /https$/);
  });

  it('cuts mid-clause with an ellipsis', () => {
    const text = '控制台上传大文件到存储空间时进度条一直停在百分之九十九然后页面自动刷新了';
    const title = caseOf([['customer', text]]).record.title;
    assert.equal(title, `${Array.from(text).slice(0, 30).join('')}…`);
  });

  it('falls back to the conversation id', () => {
    const { record } = caseOf(
      [
        ['customer', '你好'],
        ['agent', '您好'],
      ],
      { id: 'x9' },
    );
    assert.equal(record.title, '会话 x9');
  });

  it('falls back to the given title', () => {
    assert.equal(caseOf([['customer', '1']], { title: '1' }).record.title, '1');
  });
});

describe('case description', () => {
  it('uses the first substantive message', () => {
    const lines: Line[] = [
      ['customer', '你好，在吗'],
      ['customer', '您好，证书一直在审核中'],
      ['customer', '域名是 img.example.com'],
    ];
    assert.equal(caseOf(lines).record.description, '您好，证书一直在审核中');
  });

  it('falls back to the first message', () => {
    assert.equal(
      caseOf([
        ['customer', '1'],
        ['customer', '2'],
      ]).record.description,
      '1',
    );
  });

  it('is empty without customer messages', () => {
    assert.equal(caseOf([['agent', '您好，证书已签发']]).record.description, '');
  });
});

describe('answer summary', () => {
  it('drops filler turns', () => {
    const lines: Line[] = [
      ['customer', '证书一直在审核中'],
      ['agent', '好的您稍等'],
      ['agent', '您好，证书已经签发，请刷新页面查看'],
      ['agent', '嗯嗯，不客气的'],
    ];
    assert.equal(caseOf(lines).record.answer, '您好，证书已经签发，请刷新页面查看');
  });

  it('keeps repeated turns once', () => {
    const lines: Line[] = [
      ['customer', '退款什么时候到账'],
      ['agent', '您好，退款会在3个工作日内原路退回。'],
      ['agent', '您好,退款会在３个工作日内原路退回'],
      ['agent', '请留意账户余额变动'],
    ];
    const expected = '您好，退款会在3个工作日内原路退回。 请留意账户余额变动';
    assert.equal(caseOf(lines).record.answer, expected);
  });

  it('is empty without substantive turns', () => {
    assert.equal(
      caseOf([
        ['customer', '证书卡住了'],
        ['agent', '稍等'],
      ]).record.answer,
      '',
    );
  });
});

describe('conversation status', () => {
  const asked: Line = ['customer', '证书一直在审核中，网站打不开'];
  const answer: Line = ['agent', '您好，DNS验证记录没有生效，请检查 TXT 记录'];
  const handoff: Line = ['agent', '好的，这边帮您反馈技术同事处理，有结果给您同步'];
  const cases: { name: string; lines: Line[]; status: string }[] = [
    { name: 'no agent turn', lines: [asked], status: 'no-answer' },
    { name: 'filler agent turns', lines: [asked, ['agent', '您好，稍等']], status: 'no-answer' },
    { name: 'plain answer', lines: [asked, answer], status: 'answered' },
    {
      name: 'short agent fix',
      lines: [asked, ['agent', '稍等'], ['agent', '可以了']],
      status: 'answered',
    },
    {
      name: 'customer says 可以了',
      lines: [asked, answer, ['customer', '可以了']],
      status: 'customer-resolved',
    },
    {
      name: 'customer says OK了',
      lines: [asked, answer, ['customer', 'ＯＫ了，谢谢']],
      status: 'customer-resolved',
    },
    {
      name: 'thanks after answer',
      lines: [asked, answer, ['customer', '好的，谢谢']],
      status: 'customer-resolved',
    },
    {
      name: 'thanks after handoff',
      lines: [asked, handoff, ['customer', '好的谢谢']],
      status: 'waiting-for-human',
    },
    {
      name: 'solved then thanks after handoff',
      lines: [asked, handoff, ['customer', '好了'], ['customer', '谢谢']],
      status: 'customer-resolved',
    },
    {
      name: 'solved then agent closing',
      lines: [asked, answer, ['customer', '解决了'], ['agent', '好的，后续有问题随时联系我们']],
      status: 'customer-resolved',
    },
    { name: 'handoff is last', lines: [asked, answer, handoff], status: 'waiting-for-human' },
    {
      name: 'handoff after solved',
      lines: [asked, answer, ['customer', '可以了'], handoff],
      status: 'waiting-for-human',
    },
    {
      name: 'handoff then completion',
      lines: [asked, handoff, ['agent', '您好，已经处理完成，您确认下']],
      status: 'answered',
    },
    {
      name: 'system handoff',
      lines: [asked, answer, ['system', '会话已转接人工客服']],
      status: 'waiting-for-human',
    },
    { name: 'still failing', lines: [asked, answer, ['customer', '还是不行']], status: 'answered' },
    {
      name: 'failing again',
      lines: [asked, answer, ['customer', '刚才可以了，现在又不行了']],
      status: 'answered',
    },
    {
      name: 'negated phrase',
      lines: [asked, answer, ['customer', '不可以了']],
      status: 'answered',
    },
    {
      name: 'question 好了吗',
      lines: [asked, answer, ['customer', '好了吗？']],
      status: 'answered',
    },
    {
      name: '好了 inside a clause',
      lines: [asked, answer, ['customer', '证书申请好了的，一直没生效']],
      status: 'answered',
    },
    {
      name: 'long request with thanks',
      lines: [
        asked,
        answer,
        ['customer', 'static.example.com 又加了一组IP黑名单，需要处理下，谢谢'],
      ],
      status: 'answered',
    },
    { name: 'solved without answer', lines: [asked, ['customer', '好了']], status: 'no-answer' },
  ];

  for (const { name, lines, status } of cases) {
    it(`is ${status} for ${name}`, () => {
      assert.equal(caseOf(lines).meta.status, status);
    });
  }
});

describe('conversation timing', () => {
  it('is null without timestamps', () => {
    const { meta } = caseOf([
      ['customer', '证书卡住了'],
      ['agent', '您好，已处理完成'],
    ]);
    assert.equal(meta.firstResponseSeconds, null);
    assert.equal(meta.durationSeconds, null);
    assert.equal(meta.createdAt, null);
  });

  it('measures from the first customer message', () => {
    const lines: Line[] = [
      ['agent', '您好，请问有什么可以帮您', '2024-10-07 10:00:00'],
      ['customer', '证书卡住了', '2024-10-07 10:01:00'],
      ['agent', '您好，这边看下', '2024-10-07 10:03:30'],
    ];
    assert.equal(caseOf(lines).meta.firstResponseSeconds, 150);
  });

  it('needs the reply timestamp', () => {
    const lines: Line[] = [
      ['customer', '证书卡住了', '2024-10-07 10:01:00'],
      ['agent', '您好，这边看下'],
      ['agent', '您好，已处理完成', '2024-10-07 10:09:00'],
    ];
    assert.equal(caseOf(lines).meta.firstResponseSeconds, null);
  });

  it('measures duration over all messages', () => {
    const lines: Line[] = [
      ['customer', '证书卡住了', '2024-10-07 10:01:00'],
      ['agent', '您好，已处理完成', '2024-10-07 10:09:00'],
      ['system', '会话已结束', '2024-10-07 10:31:00'],
    ];
    assert.equal(caseOf(lines).meta.durationSeconds, 1800);
  });

  it('takes createdAt from the first dated message', () => {
    const lines: Line[] = [
      ['customer', '证书卡住了', '10:00'],
      ['agent', '您好，已处理完成', '2024-10-07 10:09:00+08:00'],
    ];
    assert.equal(caseOf(lines).meta.createdAt, '2024-10-07T02:09:00.000Z');
  });
});

describe('status on the sample archive', () => {
  const archive = readArchiveFile(SAMPLE);
  const expected: Record<string, string> = {
    Q4: 'customer-resolved',
    Q9: 'customer-resolved',
    Q100: 'customer-resolved',
    Q13: 'answered',
    Q47: 'answered',
    Q109: 'answered',
    Q56: 'no-answer',
    Q92: 'no-answer',
  };

  for (const [ref, status] of Object.entries(expected)) {
    it(`is ${status} for ${ref}`, () => {
      const record = archive.records.find((candidate) => candidate.ref === ref);
      assert.ok(record, `record ${ref} is missing from the sample`);
      const lines = record.turns.map((turn): Line => [turn.role, turn.text]);
      assert.equal(caseOf(lines).meta.status, status);
    });
  }
});

describe('transcript refs', () => {
  it('keeps a plain conversation id', () => {
    assert.equal(caseOf([['customer', '你好']], { id: 'c-1001' }).record.ref, 'T-c-1001');
  });

  it('hides a phone number used as the id', () => {
    const { record } = caseOf([['customer', '你好']], { id: '13800138000' });
    assert.match(record.ref, /^T-h[0-9a-f]{16}$/);
    assert.ok(!record.ref.includes('13800138000'));
  });

  it('gives one e-mail id the same ref each time', () => {
    const first = caseOf([['customer', '你好']], { id: 'zhangwei@example.com' }).record.ref;
    const second = caseOf([['customer', '在吗']], { id: 'zhangwei@example.com' }).record.ref;
    assert.equal(first, second);
    assert.ok(!first.includes('zhangwei'));
  });
});
