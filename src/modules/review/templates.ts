import type { Database, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/client.js';
import { conflict, notFound, validationFailed } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../kyc/service.js';
import { createTemplateRepository } from './template-repository.js';
import type { TemplateRow, TemplateValues } from './template-repository.js';

export interface TemplateView extends TemplateValues {
  id: string;
  updatedBy: string | null;
  updatedAt: string;
}

const view = (row: TemplateRow): TemplateView => ({
  id: row.id,
  name: row.name,
  decision: row.decision,
  reasonCodes: row.reasonCodes,
  message: row.message,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt.toISOString(),
});

/** The decision messages reviewers choose from; admins edit them, every change audited. */
export class ReviewTemplateService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<TemplateView[]> {
    return (await createTemplateRepository(this.db).list()).map(view);
  }

  async create(actor: Actor, body: TemplateValues): Promise<TemplateView> {
    const values = checked(body);
    return this.change(actor, 'template_created', async (tx) =>
      createTemplateRepository(tx).insert({ ...values, updatedBy: actor.id }),
    );
  }

  async update(actor: Actor, id: string, body: TemplateValues): Promise<TemplateView> {
    const values = checked(body);
    if (!isUuid(id)) throw notFound('Template');
    return this.change(actor, 'template_updated', async (tx) =>
      createTemplateRepository(tx).update(id, { ...values, updatedBy: actor.id }),
    );
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('Template');
    await this.db.transaction(async (tx) => {
      if (!(await createTemplateRepository(tx).delete(id))) throw notFound('Template');
      await this.audit.record(tx, actor, {
        action: 'template_deleted',
        targetType: 'template',
        targetId: id,
      });
    });
  }

  private async change(
    actor: Actor,
    action: 'template_created' | 'template_updated',
    write: (tx: Executor) => Promise<TemplateRow | undefined>,
  ): Promise<TemplateView> {
    try {
      return await this.db.transaction(async (tx) => {
        const row = await write(tx);
        if (!row) throw notFound('Template');
        await this.audit.record(tx, actor, {
          action,
          targetType: 'template',
          targetId: row.id,
          details: { decision: row.decision, reasonCodes: row.reasonCodes.join(',') },
        });
        return view(row);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'review_templates_name_key'))
        throw conflict('template_name_taken', 'Another template has this name');
      throw error;
    }
  }
}

/** Trimmed values; a template for a rejection or a request for changes names at least one reason. */
function checked(body: TemplateValues): TemplateValues {
  const name = body.name.trim();
  const message = body.message.trim();
  const errors: FieldError[] = [];
  if (name === '') errors.push({ field: '/name', code: 'required', message: 'must not be blank' });
  if (message === '') errors.push({ field: '/message', code: 'required', message: 'must not be blank' });
  if (body.decision !== 'approve' && body.reasonCodes.length === 0)
    errors.push({
      field: '/reasonCodes',
      code: 'required',
      message: 'a rejection or a request for changes needs at least one reason code',
    });
  if (errors.length > 0) throw validationFailed(errors);
  return { name, decision: body.decision, reasonCodes: body.reasonCodes, message };
}
