/** The account behind the token (`GET /v5/user_account`). */
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';

export async function userAccountRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  const { state } = context;
  app.route({
    ...operationRoute('user_account/get'),
    handler: async (request, reply) => {
      const { userId } = tokenOf(request);
      const data = storeOf(context);
      const user = data.users.get(userId)?.seed;
      if (!user) return sendError(reply, 404, 30, 'User not found.');
      return reply.send({
        account_type: user.accountType ?? 'PINNER',
        id: user.id,
        username: user.username,
        profile_image: `${state.baseUrl}/media/avatar/${user.id}.svg`,
        website_url: user.websiteUrl ?? '',
        about: user.about ?? '',
        business_name: user.accountType === 'BUSINESS' ? (user.businessName ?? user.username) : null,
        board_count: data.users.get(userId)?.boardIds.length ?? 0,
        pin_count: data.pinCountOf(userId),
        follower_count: user.followerCount ?? 0,
        following_count: user.followingCount ?? 0,
        monthly_views: user.monthlyViews ?? 0,
      });
    },
  });
}
