import type { DevAccount } from './devAuth';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The dev sign-in page: pick a demo account, get sent back to the app signed in. */
export function renderSignInPage(accounts: DevAccount[], returnUrl: string): string {
  const items = accounts
    .map(
      (a) => `<li><form method="post" action="signin">
  <input type="hidden" name="account" value="${escapeHtml(a.id)}">
  <input type="hidden" name="return" value="${escapeHtml(returnUrl)}">
  <button type="submit" id="account-${escapeHtml(a.id)}">${escapeHtml(a.label)}</button>
</form></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>本地演示登录</title>
<style>
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;font-size:20px;line-height:1.5;margin:24px;color:#1a1a1a;background:#fff}
h1{font-size:30px}ul{list-style:none;padding:0}li{margin:12px 0}
button{font-size:22px;min-height:64px;width:100%;max-width:560px;text-align:left;padding:12px 16px;border:2px solid #0b5cad;border-radius:12px;background:#eef5ff;color:#0b3d73;cursor:pointer}
p.note{color:#444}
</style></head><body>
<h1>本地演示登录</h1>
<p class="note">这是本地模拟环境，正式版不会出现这个页面。请选择一个演示身份：</p>
<ul>${items || '<li>还没有演示账号，请先运行 npm start 生成演示数据。</li>'}</ul>
<p class="note">演示中收到的短信验证码不会真的发到手机上，请到<a id="outbox-link" href="outbox">本地短信收件箱</a>查看。</p>
</body></html>`;
}
