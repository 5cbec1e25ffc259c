/** The fields of an admin user a name is made from. */
export interface AdminUserName {
  username?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
}

/**
 * An admin user's name as Strapi's admin panel shows it: the username, else first and last name,
 * else the email; '' when there is none of them.
 */
export const adminDisplayName = (user: AdminUserName): string =>
  user.username || [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || '';
