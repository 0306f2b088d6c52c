import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import type { UserRole } from '../../db/schema/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { conflict, notFound, validationFailed } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import type { AccountTokens } from '../auth/account-tokens.js';
import { accountName } from '../auth/new-user.js';
import { checkNewPassword } from '../auth/password-reset.js';
import type { NewPasswordBody } from '../auth/password-reset.js';
import { hashPassword } from '../auth/passwords.js';
import type { AuthService, ClientContext } from '../auth/service.js';
import type { AuditActor, AuditService } from '../audit/service.js';
import type { UserKeyService } from '../keys/service.js';
import type { MessageService } from '../mail/service.js';
import { openAccountName, userCipher } from '../profile/sealed-sections.js';
import { validateEmail } from '../profile/validators.js';
import { createStaffRepository, NO_PASSWORD, STAFF_ROLES } from './repository.js';
import type { StaffRole, StaffRow } from './repository.js';
import type { InviteStaffBody, StaffSessionView, StaffView, UpdateStaffBody } from './schemas.js';

export const STAFF_INVITE_TTL_SECONDS = 7 * 24 * 3600;

/** A person as histories name them. */
export interface PersonName {
  id: string;
  name: string | null;
  role: UserRole;
}

/** The admin making a change, and from where: every change is audited with them. */
export interface Actor extends ClientContext {
  userId: string;
  role: string;
}

const auditActor = (actor: Actor): AuditActor => ({
  id: actor.userId,
  role: actor.role,
  ip: actor.ip,
  userAgent: actor.userAgent,
});

const isStaff = (row: StaffRow | undefined): row is StaffRow & { role: StaffRole } =>
  !!row && (STAFF_ROLES as readonly string[]).includes(row.role);

/**
 * Reviewer and admin accounts, managed by admins over HTTP. An invitation creates the account
 * without a password and mails a single-use link; the invitee sets the password. Disabling ends
 * every session at once; no admin can change or disable their own account (no lock-out by mistake).
 */
export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly config: Config,
    private readonly keyRing: KeyRing,
    private readonly keys: UserKeyService,
    private readonly tokens: AccountTokens,
    private readonly messages: MessageService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /** Invites a new staff member, or sends a fresh link to one who has not accepted yet. */
  async invite(actor: Actor, body: InviteStaffBody): Promise<StaffView> {
    const errors: FieldError[] = [];
    const email = validateEmail(body.email);
    if (!email.ok) errors.push({ field: '/email', code: email.code, message: email.message });
    const name = accountName(body.name);
    if (!name)
      errors.push({ field: '/name', code: 'invalid_name', message: 'must be 2-100 printable characters' });
    if (!email.ok || !name) throw validationFailed(errors);

    const { userId, messageId } = await this.db.transaction(async (tx) => {
      const repository = createStaffRepository(tx);
      const existing = await repository.findByEmail(email.value);
      let userId: string;
      if (existing) {
        if (existing.status !== 'invited' || !isStaff(existing))
          throw conflict('email_taken', 'An account with this email already exists');
        userId = existing.id;
        if (existing.role !== body.role) await repository.update(userId, { role: body.role });
      } else {
        const created = await this.auth.insertInvitedStaff(tx, {
          email: email.value,
          name,
          role: body.role,
          passwordMarker: NO_PASSWORD,
        });
        if (!created) throw conflict('email_taken', 'An account with this email already exists');
        userId = created;
      }
      const token = await this.tokens.issue(tx, {
        userId,
        purpose: 'staff_invite',
        target: email.value,
        ttlSeconds: STAFF_INVITE_TTL_SECONDS,
      });
      const messageId = await this.messages.queueEmail(tx, {
        userId,
        to: email.value,
        template: 'staff_invite',
        vars: {
          link: `${this.config.messaging.publicUrl}/console/accept-invite#token=${token}`,
          role: body.role,
          validForSeconds: STAFF_INVITE_TTL_SECONDS,
        },
      });
      const event = existing ? 'staff_reinvited' : 'staff_invited';
      await repository.audit({
        userId,
        actorId: actor.userId,
        event,
        details: { role: body.role },
        ip: actor.ip,
        userAgent: actor.userAgent,
      });
      await this.audit.record(tx, auditActor(actor), {
        action: event,
        targetType: 'staff',
        targetId: userId,
        details: { role: body.role },
      });
      return { userId, messageId };
    });
    await this.messages.deliverSoon(messageId);
    return this.get(userId);
  }

  async list(): Promise<StaffView[]> {
    const repository = createStaffRepository(this.db);
    const rows = await repository.list();
    const lastLogins = await repository.lastLogins(rows.map((row) => row.id));
    const views: StaffView[] = [];
    for (const row of rows)
      views.push(await this.view(row as StaffRow & { role: StaffRole }, lastLogins.get(row.id)));
    return views;
  }

  async get(id: string): Promise<StaffView> {
    const repository = createStaffRepository(this.db);
    const row = await repository.find(id);
    if (!isStaff(row)) throw notFound('Staff member');
    return this.view(row, (await repository.lastLogins([id])).get(id));
  }

  /** A staff member's sessions that are still live, newest first. */
  async sessions(id: string): Promise<StaffSessionView[]> {
    const repository = createStaffRepository(this.db);
    if (!isStaff(await repository.find(id))) throw notFound('Staff member');
    const rows = await repository.activeSessions(id, new Date());
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      ip: row.ip,
      userAgent: row.userAgent,
      secondFactorAt: row.secondFactorAt?.toISOString() ?? null,
    }));
  }

  async update(actor: Actor, id: string, body: UpdateStaffBody): Promise<StaffView> {
    if (id === actor.userId)
      throw conflict('own_account', 'Admins cannot change or disable their own account; ask another admin');
    const { endSessions } = await this.db.transaction(async (tx) => {
      const repository = createStaffRepository(tx);
      const row = await repository.find(id);
      if (!isStaff(row)) throw notFound('Staff member');
      // The account's own security log and the staff audit log both name the admin.
      const audit = async (event: string, details: Record<string, string | boolean>) => {
        await repository.audit({
          userId: id,
          actorId: actor.userId,
          event,
          details,
          ip: actor.ip,
          userAgent: actor.userAgent,
        });
        await this.audit.record(tx, auditActor(actor), {
          action: event,
          targetType: 'staff',
          targetId: id,
          details,
        });
      };
      let endSessions = false;
      if (body.role !== undefined && body.role !== row.role) {
        await repository.update(id, { role: body.role });
        await audit('staff_role_changed', { from: row.role, to: body.role });
        endSessions = true;
      }
      if (body.disabled === true && row.status !== 'disabled') {
        await repository.update(id, { status: 'disabled' });
        await audit('staff_disabled', {});
        endSessions = true;
      }
      if (body.disabled === false && row.status === 'disabled') {
        await repository.update(id, { status: row.hasPassword ? 'active' : 'invited' });
        await audit('staff_enabled', {});
      }
      return { endSessions };
    });
    // A disabled account's tokens already fail (sessions are checked against the account's status);
    // the sessions are ended too, so re-enabling does not bring them back.
    if (endSessions) await this.auth.revokeAllSessions(id, 'staff_change');
    return this.get(id);
  }

  async acceptInvite(body: NewPasswordBody, client: ClientContext): Promise<void> {
    const row = await this.tokens.check(this.db, 'staff_invite', body.token);
    const account = await createStaffRepository(this.db).find(row.userId);
    if (!account || account.status !== 'invited' || account.email !== row.target)
      throw validationFailed([
        { field: '/token', code: 'token_invalid', message: 'is not a valid invitation token' },
      ]);
    checkNewPassword(body, { email: account.email });
    const passwordHash = await hashPassword(body.password);
    await this.db.transaction(async (tx) => {
      await this.tokens.redeem(tx, 'staff_invite', body.token);
      const repository = createStaffRepository(tx);
      if (!(await repository.activateInvited(account.id, account.email, passwordHash)))
        throw validationFailed([
          { field: '/token', code: 'token_invalid', message: 'is not a valid invitation token' },
        ]);
      await repository.audit({
        userId: account.id,
        actorId: null,
        event: 'staff_invite_accepted',
        ...client,
      });
    });
  }

  /**
   * Who is behind each id, for histories and lists: the name given at registration and the role
   * (staff, or the customer themselves); a name whose data key is gone (erased) reads null.
   */
  async displayNames(ids: Iterable<string>): Promise<Map<string, PersonName>> {
    const names = new Map<string, PersonName>();
    for (const row of await createStaffRepository(this.db).names([...new Set(ids)])) {
      const dataKey = await this.keys.find(this.db, row.id);
      const name = dataKey ? openAccountName(userCipher(dataKey, row.id).open, row.name) : null;
      names.set(row.id, { id: row.id, name, role: row.role });
    }
    return names;
  }

  private async view(row: StaffRow & { role: StaffRole }, lastLoginAt: Date | undefined): Promise<StaffView> {
    const dataKey = await this.keys.find(this.db, row.id);
    return {
      id: row.id,
      email: row.email,
      name: openAccountName(userCipher(dataKey, row.id).open, row.name),
      role: row.role,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      lastLoginAt: lastLoginAt?.toISOString() ?? null,
    };
  }
}
