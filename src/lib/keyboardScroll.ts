/**
 * A region that scrolls sideways (a wide table on a phone) must be reachable from the keyboard in
 * the browser console, or its hidden columns cannot be scrolled to: `tabindex="0"` makes the
 * browser give it focus, and the arrow keys then scroll it. Spread onto a ScrollView; WeChat
 * ignores the attribute.
 */
export const KEYBOARD_SCROLL = { tabindex: 0 } as Record<string, unknown>;
