import { cleanRichText } from '../../cloudfunctions/_lib/richText';
import type { Notice } from '../../contract/notices';
import { answerInputOf, checkAnswerForm, emptyAnswerForm, placeAnswerError } from '../../src/features/contentStaff/answerForm';
import {
  checkNoticeForm,
  emptyNoticeForm,
  noticeFormOf,
  noticeInputOf,
  placeNoticeError,
} from '../../src/features/contentStaff/noticeForm';
import { bodyForEditing, bodyToSend, insertAt, SNIPPETS } from '../../src/features/contentStaff/richText';
import { instantInput, keywordsOf } from '../../src/features/contentStaff/words';
import { newRequestId } from '../../src/lib/requestId';
import { CloudCallError } from '../../src/services/cloudError';

/** The staff content console's forms and its simple rich text: pure functions, no emulator. */
const rid = newRequestId();

describe('the body as typed and as sent', () => {
  test('plain lines are sent as typed: the server keeps them as text', () => {
    expect(bodyToSend('  第一段。\n第二段。\n')).toBe('第一段。\n第二段。');
    expect(bodyToSend('人数<5人也办')).toBe('人数<5人也办'); // "<5" is no markup
  });

  test('once there is markup, each line outside a block becomes a paragraph', () => {
    const typed = `带上身份证。\n\n补办不用交钱，${SNIPPETS.bold}。${SNIPPETS.bullets}最后一段。`;
    expect(bodyToSend(typed)).toBe(
      [
        '<p>带上身份证。</p>',
        `<p>补办不用交钱，${SNIPPETS.bold}。</p>`,
        '<ul>',
        '<li>第一条</li>',
        '<li>第二条</li>',
        '</ul>',
        '<p>最后一段。</p>',
      ].join('\n'),
    );
  });

  test('a list item running over two lines is not split into paragraphs', () => {
    expect(bodyToSend('<ol>\n<li>先打电话\n再去窗口</li>\n</ol>\n好的')).toBe('<ol>\n<li>先打电话\n再去窗口</li>\n</ol>\n<p>好的</p>');
  });

  test('stored HTML is laid out a block a line, and sending it again changes nothing the server keeps', () => {
    const stored = '<p>两次认证之间<strong>不要超过12个月</strong>。</p><ol><li>子女帮忙</li><li>现场认证</li></ol><p>完。</p>';
    const editing = bodyForEditing(stored, 'html');
    expect(editing).toBe(
      '<p>两次认证之间<strong>不要超过12个月</strong>。</p>\n<ol>\n<li>子女帮忙</li>\n<li>现场认证</li>\n</ol>\n<p>完。</p>',
    );
    expect(cleanRichText(bodyToSend(editing)).text).toBe(cleanRichText(stored).text);
    expect(bodyForEditing('第一行\n第二行', 'text')).toBe('第一行\n第二行');
  });

  test('a formatting button puts its snippet where the cursor was, or at the end', () => {
    expect(insertAt('前后', '<strong>字</strong>', 1)).toEqual({ text: '前<strong>字</strong>后', cursor: 19 });
    expect(insertAt('前后', 'X', null)).toEqual({ text: '前后X', cursor: 3 });
    expect(insertAt('前后', 'X', 99).text).toBe('前后X');
  });
});

describe('the answer form', () => {
  const filled = { ...emptyAnswerForm(), question: '助餐卡丢了怎么补办？', answer: '到助餐点补办。', category: '老年助餐' as const };

  test('becomes policy.save: keywords split, an empty source left out, blank dates null', () => {
    const input = answerInputOf({ ...filled, keywords: '助餐卡，补卡、饭卡 饭卡' }, rid, { id: 'a1', version: 3 });
    expect(input).toMatchObject({ id: 'a1', version: 3, requestId: rid, source: null, effectiveFrom: null, effectiveUntil: null });
    expect(input.keywords).toEqual(['助餐卡', '补卡', '饭卡', '饭卡']); // the schema drops the repeat
    expect(checkAnswerForm(input)).toEqual({});
    expect(keywordsOf(' , ')).toEqual([]);
  });

  test('every problem under its field at once, the dates’ order included', () => {
    const input = answerInputOf(
      {
        ...emptyAnswerForm(),
        question: '问',
        answer: '',
        sourceArticle: '第三条',
        effectiveFrom: '2026-02-01',
        effectiveUntil: '2026-01-31',
      },
      rid,
    );
    expect(checkAnswerForm(input)).toEqual({
      question: '问题至少4个字',
      answer: '请填写答复',
      category: '请选择分类',
      sourceDocument: '请填写政策文件名称',
      effectiveUntil: '失效日期不能早于施行日期',
    });
  });

  test('the server’s refusals go under the field they name; others above the button', () => {
    const bad = (m: string) => new CloudCallError('INVALID_INPUT', m);
    expect(placeAnswerError(bad('相关问答里有一条已经不存在了，请重新选择')).field).toBe('related');
    expect(placeAnswerError(bad('答复不能超过5000个字')).field).toBe('answer');
    expect(placeAnswerError(new CloudCallError('CONFLICT', '这条问答刚被其他工作人员修改过，请刷新后再改')).field).toBeNull();
  });
});

describe('the notice form', () => {
  const notice: Notice = {
    id: 'n1',
    title: '停水通知',
    body: '<p>周三停水。</p>',
    bodyFormat: 'html',
    bodyText: '周三停水。',
    attachments: [{ fileId: 'cloud://env/notice-files/a.pdf', name: '安排.pdf', url: 'https://x/a.pdf' }],
    pinned: true,
    status: 'published',
    publishedAt: '2026-11-20T00:00:00.000Z',
    publishAt: null,
    expireAt: '2026-11-21T10:00:00.000Z',
    streets: ['海沧街道'],
    audienceWords: '海沧街道',
    version: 2,
    updatedAt: '2026-11-20T00:00:00.000Z',
    state: 'expired',
    stateWords: '已过期',
  };

  test('an edit keeps an expiry left as it was (a past one would be refused), and sends a changed one', () => {
    const form = noticeFormOf(notice);
    expect(form).toMatchObject({ audience: 'streets', streets: ['海沧街道'], expireAt: '2026-11-21 18:00', publishAt: '' });
    expect(form.attachments).toEqual([{ fileId: 'cloud://env/notice-files/a.pdf', name: '安排.pdf' }]);
    const kept = noticeInputOf(form, rid, false, notice);
    expect('expireAt' in kept).toBe(false);
    expect(kept).toMatchObject({ id: 'n1', version: 2, streets: ['海沧街道'], publishAt: null, pinned: true });
    expect(noticeInputOf({ ...form, expireAt: '2026-12-31 18:00' }, rid, false, notice).expireAt).toBe('2026-12-31 18:00');
    expect(noticeInputOf({ ...form, expireAt: '' }, rid, false, notice).expireAt).toBeNull();
    expect(noticeInputOf({ ...form, audience: 'district' }, rid, false, notice).streets).toEqual([]);
  });

  test('streets chosen but none ticked, and a time typed wrong, are caught on the phone', () => {
    const form = { ...emptyNoticeForm(), title: '通知', body: '内容', audience: 'streets' as const, publishAt: '12月1日' };
    expect(checkNoticeForm(noticeInputOf(form, rid, true), form)).toEqual({
      streets: '请至少选一个街道，或者选「全区」',
      publishAt: '发布时间应写成 2026-12-01 08:00 这样',
    });
  });

  test('下架时间 problems go under the expiry even when they mention 发布时间', () => {
    expect(placeNoticeError(new CloudCallError('INVALID_INPUT', '下架时间要晚于发布时间（2026年12月1日 08:00）')).field).toBe('expireAt');
    expect(instantInput(null)).toBe('');
  });
});
