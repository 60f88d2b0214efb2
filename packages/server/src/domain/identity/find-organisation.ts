/** Which organisation a sign-in is for: the one named by slug, or the only one when the platform has a single organisation. */
import { AppError } from '../../errors.js';
import type { Trx } from './identity-context.js';

export async function findOrganisation(trx: Trx, slug: string | undefined): Promise<{ id: string; name: string; slug: string }> {
  if (slug !== undefined) {
    const org = await trx.selectFrom('organisations').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
    if (!org) throw new AppError('NOT_FOUND', 'organisation not found');
    return org;
  }
  const orgs = await trx.selectFrom('organisations').select(['id', 'name', 'slug']).limit(2).execute();
  if (orgs.length === 0) throw new AppError('CONFLICT', 'the platform has no organisation yet: complete the set-up first');
  if (orgs.length > 1) throw new AppError('VALIDATION_FAILED', 'several organisations use this platform: name one', { field: 'organisation' });
  return orgs[0]!;
}
