import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { groupStore, type GroupStore } from '../../../stores/group';
import { noticeStore } from '../../../stores/notices';
import { userStore } from '../../../stores/user';
import { formatFen } from '../../../lib/money';
import { formatTime } from '../../../lib/time';
import type { GroupView } from '../../../../typings/api';

const STATUS_TEXT: Record<GroupView['status'], string> = {
  opening: '等待团长付款',
  open: '拼团中',
  filled: '已成团',
  failed: '未成团，已自动退款',
};

/** 拼团 page (a shared group): the item at its group price, who is in, 还差 N 人, 参团 or 邀请邻居. */
ComponentWithStore({
  data: { groupId: '' },
  storeBindings: {
    store: groupStore,
    fields: {
      state: (s: GroupStore) => s.load.state,
      error: (s: GroupStore) => s.load.error,
      empty: (s: GroupStore) => s.load.empty,
      busy: (s: GroupStore) => s.actionLoad.busy,
      group: (s: GroupStore) => {
        const g = s.group;
        if (!g) return null;
        const open = g.status === 'open';
        return {
          title: g.title,
          image: g.image ?? '',
          priceText: formatFen(g.priceFen),
          listPriceText: formatFen(g.listPriceFen),
          statusText: STATUS_TEXT[g.status],
          progressText: open
            ? `已拼 ${g.paidMembers}/${g.size} 人，还差 ${g.missing} 人`
            : `${g.paidMembers}/${g.size} 人`,
          expiresText: open && g.expiresAt ? `${formatTime(g.expiresAt)} 截止，未拼成自动全额退款` : '',
          members: g.members.map((m, i) => ({
            key: String(i),
            name: m.name,
            avatar: m.avatar ?? '',
            opener: m.opener,
          })),
          /** Empty seats still to fill, drawn as placeholders. */
          seats: Array.from({ length: Math.max(0, g.size - g.members.length) }, (_v, i) => String(i)),
          canJoin: open && !g.joined,
          canInvite: open && g.joined,
          myOrderId: g.myOrderId ?? '',
        };
      },
    },
    actions: [],
  },
  methods: {
    onLoad(query: { id?: string; leaderId?: string }) {
      // A share from a neighbour: a first visit is bound to the sharer's leader.
      if (query.leaderId) void userStore.enter({ leaderId: query.leaderId });
      else if (!userStore.me) void userStore.loadMe();
      // The template ids, so 参团 can ask for the notices inside the tap.
      void noticeStore.load();
      this.setData({ groupId: query.id ?? '' });
      void groupStore.loadGroup(query.id ?? '');
    },
    onRetry() {
      void groupStore.loadGroup(this.data.groupId);
    },
    onJoin() {
      const g = groupStore.group;
      if (g) void groupStore.join(g);
    },
    onMyOrder() {
      const id = groupStore.group?.myOrderId;
      if (id) wx.navigateTo({ url: `/packages/order/detail/index?id=${id}` });
    },
    /** The share card: the group price and how many are still needed. */
    onShareAppMessage() {
      const g = groupStore.group;
      const leaderId = userStore.shareLeaderId;
      return {
        title: g ? `还差${g.missing}人！${formatFen(g.priceFen)} 拼${g.title}` : '一起拼团',
        path: `/packages/goods/group/index?id=${this.data.groupId}${leaderId ? `&leaderId=${leaderId}` : ''}`,
        ...(g?.image ? { imageUrl: g.image } : {}),
      };
    },
  },
});
