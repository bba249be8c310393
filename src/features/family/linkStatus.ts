import type { FamilyLink } from '@contract/accounts';

/** A family link's status in the words every page uses: 等待长辈确认 / 已关联 / 已结束. */
export function linkStatusWords(status: FamilyLink['status']): string {
  switch (status) {
    case 'pending':
      return '等待长辈确认';
    case 'active':
      return '已关联';
    default:
      return '已结束';
  }
}

/** The one sentence under a link I asked for: what happens next, or why it ended. */
export function helperLinkHint(link: FamilyLink): string {
  switch (link.status) {
    case 'pending':
      return '请长辈在自己的微信里打开"家人帮办"点同意。长辈没有智能手机的，请联系长辈所在社区，工作人员核实后办理。';
    case 'active':
      return link.approvedBy === 'staff' ? '工作人员已核实，您可以帮长辈办理了。' : '长辈已同意，您可以帮长辈办理了。';
    case 'refused':
      return '这条申请没有通过。如有疑问，请打电话问中心。';
    default:
      return '帮办已结束，需要时可以重新申请。';
  }
}

export const isLive = (link: FamilyLink) => link.status === 'pending' || link.status === 'active';
