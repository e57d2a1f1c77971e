import { collection } from './db';

const notices = () => collection('notices');

/** The notices outbox as stored, newest first; a fresh environment may not have it yet. */
export const noticesPage = (status: string | undefined, page: { page: number; pageSize: number }) =>
  notices().orNothing(
    () =>
      notices().page(status ? { status } : {}, {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        ...page,
      }),
    { items: [], total: 0 },
  );
