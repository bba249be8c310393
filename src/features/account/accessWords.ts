import { type AuditRecord, REVEAL_PURPOSES } from '@contract/accounts';

/**
 * The access log and consents in plain words for the person they are about, e.g.
 * "工作人员查看了您的身份证号（办理资格认证）". Pure functions: tested in test/unit.
 */
function actor(record: AuditRecord, myUserId: string | null): string {
  if (myUserId && record.actorUserId === myUserId) return '您';
  if (record.actorRole === 'staff' || record.actorRole === 'admin') return '工作人员';
  if (record.actorRole === 'family') return '家属';
  if (record.actorRole === 'retiree') return '退休人员本人';
  return '系统';
}

function purposeOf(record: AuditRecord): string {
  const detail = record.detail ?? {};
  if (typeof detail.purposeText === 'string' && detail.purposeText) return detail.purposeText;
  const key = detail.purpose as keyof typeof REVEAL_PURPOSES | undefined;
  return (key && REVEAL_PURPOSES[key]) || '办理业务';
}

export function accessWords(record: AuditRecord, myUserId: string | null): string {
  const who = actor(record, myUserId);
  switch (record.action) {
    case 'pii.reveal.idNumber':
      return `${who}查看了您的身份证号（${purposeOf(record)}）`;
    case 'pii.reveal.phone':
      return `${who}查看了您的手机号（${purposeOf(record)}）`;
    case 'retiree.bind':
      return who === '您' ? '您用这个微信绑定了退休信息' : `${who}绑定了您的退休信息`;
    case 'retiree.rebind':
      return who === '您' ? '您用这个微信重新绑定了退休信息，原来绑定的微信已解除' : '另一个微信绑定了您的退休信息，原来的绑定已解除';
    case 'retiree.unbind':
      return `${who}解除了微信和退休信息的绑定`;
    case 'family.accept':
      return `${who}同意了一位家人帮您办理`;
    case 'family.approve':
      return `${who}核实后，同意了一位家人帮您办理`;
    case 'family.refuse':
      return `${who}核实后，没有同意一条帮您办理的申请`;
    case 'family.end':
      return `${who}结束了一位家人的帮办`;
    case 'staff.claim':
      return '您用邀请码开通了工作人员账号';
    default:
      return `${who}查看或修改了您的信息`;
  }
}

export function consentWords(consent: { kind: string; version: string }): string {
  if (consent.kind === 'privacy') return `同意了《隐私保护指引》（${consent.version}版）`;
  return `同意了"${consent.kind}"（${consent.version}版）`;
}
