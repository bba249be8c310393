/**
 * @jest-environment jsdom
 */
import { ALLOWED_TAGS, cleanRichText, htmlToText } from '../../cloudfunctions/_lib/richText';

/**
 * Rich text is cleaned on the server against a fixed allow-list. Each payload below (the
 * classic ones from the OWASP XSS filter-evasion cheat sheet and mutation-XSS write-ups) is
 * cleaned, then parsed the way a browser parses it (jsdom's DOMParser), and every element and
 * attribute the browser would build is checked against the allow-list.
 */
const PAYLOADS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<script\x20type="text/javascript">javascript:alert(1);</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">点我</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="java\0script:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="//evil.example/x">x</a>',
  '<a href="https://ok.example" onclick="alert(1)" style="color:red">x</a>',
  '<a href="http://ok.example/" target="_self" rel="opener">x</a>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1));">x</div>',
  '<p onmouseover="alert(1)">x</p>',
  '<h1 onclick=alert(1)>标题</h1>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>alert(1);//<</script>',
  '<img """><script>alert(1)</script>">',
  '"><script>alert(1)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  "<style>@import 'javascript:alert(1)';</style>",
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<TABLE><TD BACKGROUND="javascript:alert(\'XSS\')">',
  '<td colspan="2" onclick="alert(1)">x</td>',
  '<video><source onerror="alert(1)">',
  '<marquee onstart=alert(1)>x</marquee>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<x onclick=alert(1)>click',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<p>正常段落<strong>加粗</strong></p><script>alert(1)</script>',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'rel', 'target'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};

/** Every element and attribute a browser builds from `html`, and whatever is wrong with them. */
function problemsAsBrowserSees(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  const problems: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (!ALLOWED_TAGS.includes(tag)) problems.push(`element <${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      if (!(ALLOWED_ATTRIBUTES[tag] ?? []).includes(attr.name)) problems.push(`attribute ${attr.name} on <${tag}>`);
      if (attr.name === 'href') {
        let protocol = '';
        try {
          protocol = new URL(attr.value).protocol;
        } catch {
          problems.push(`relative href ${attr.value}`);
        }
        if (protocol && protocol !== 'http:' && protocol !== 'https:') problems.push(`href ${attr.value}`);
      }
      if (attr.name === 'rel' && attr.value !== 'noopener noreferrer') problems.push(`rel ${attr.value}`);
    }
  }
  return problems;
}

test('the list holds at least 30 payloads', () => {
  expect(new Set(PAYLOADS).size).toBeGreaterThanOrEqual(30);
});

test.each(PAYLOADS)('payload %j comes out with nothing a browser would run', (payload) => {
  const cleaned = cleanRichText(payload);
  expect(cleaned.format).toBe('html');
  expect(problemsAsBrowserSees(cleaned.value)).toEqual([]);
  expect(cleaned.value).not.toMatch(/<\s*(script|iframe|img|svg|style|object|embed|form|input|meta|link|base|math)\b/i);
  expect(cleaned.value).not.toMatch(/\son[a-z]+\s*=/i);
  expect(cleaned.value).not.toMatch(/href\s*=\s*"\s*(javascript|vbscript|data)/i);
  // Cleaning is stable: what is stored comes back the same when saved again.
  expect(cleanRichText(cleaned.value).value).toBe(cleaned.value);
});

test('the words of dropped script-like elements are dropped with them', () => {
  expect(cleanRichText('<p>前</p><script>alert(1)</script><style>p{}</style><iframe>框</iframe><p>后</p>').value).toBe(
    '<p>前</p><p>后</p>',
  );
});

test('the allowed formatting is kept; b and i become strong and em; links get rel and a new tab', () => {
  const html =
    '<h3>怎样认证</h3><p>请<b>在12个月内</b>认证，<i>不要</i>忘记。</p><ol><li>刷脸</li><li>现场</li></ol>' +
    '<table><thead><tr><th>年龄</th><th>补贴</th></tr></thead><tbody><tr><td>60至69岁</td><td colspan="1">3元</td></tr></tbody></table>' +
    '<p>详见<a href="https://www.gov.cn/zhengce/">中国政府网</a></p>';
  expect(cleanRichText(html).value).toBe(
    '<h3>怎样认证</h3><p>请<strong>在12个月内</strong>认证，<em>不要</em>忘记。</p><ol><li>刷脸</li><li>现场</li></ol>' +
      '<table><thead><tr><th>年龄</th><th>补贴</th></tr></thead><tbody><tr><td>60至69岁</td><td colspan="1">3元</td></tr></tbody></table>' +
      '<p>详见<a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer" target="_blank">中国政府网</a></p>',
  );
});

test('a link to anything but an absolute http(s) address keeps its words and loses the address', () => {
  for (const href of ['/pages/index', 'mailto:a@b.cn', 'tel:0592', 'ftp://x.cn/a', '#top']) {
    expect(cleanRichText(`<p><a href="${href}">看这里</a></p>`).value).toBe('<p><a rel="noopener noreferrer">看这里</a></p>');
  }
});

test('plain text stays the author’s text, lines and all', () => {
  const body = '每人150元，10月底前发到社保卡。\n\n不用申请。';
  expect(cleanRichText(body)).toEqual({ format: 'text', value: body, text: body });
  expect(cleanRichText('  a < b & c > 3  \r\n下一行').value).toBe('a < b & c > 3\n下一行');
});

test('the words of rich text: one block a line, entities decoded', () => {
  expect(htmlToText('<h3>标题</h3><p>一&amp;二 &lt;三&gt;</p><ul><li>甲</li><li>乙</li></ul><p>换<br />行</p>')).toBe(
    '标题\n一&二 <三>\n甲\n乙\n换\n行',
  );
  expect(cleanRichText('<p>低保每人每月<strong>1045元</strong></p>').text).toBe('低保每人每月1045元');
});
