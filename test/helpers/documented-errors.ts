import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Checks every problem+json answer the suite sees against the API description: its code must be listed among
 * the documented answers of the operation that gave it (docs/errors.md has the table; each operation's 4xx/5xx
 * descriptions name their codes). A client generated from openapi/openapi.json relies on that list.
 */
export const undocumented: string[] = [];

type Operation = { responses?: Record<string, { description?: string }> };

/** `METHOD /path/{param}` of each documented operation, with the codes each status names. */
function documentedCodes(app: FastifyInstance): Map<string, Map<string, string>> {
  const document = app.swagger() as { paths?: Record<string, Record<string, Operation>> };
  const byOperation = new Map<string, Map<string, string>>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const statuses = new Map<string, string>();
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        statuses.set(status, response.description ?? '');
      byOperation.set(`${method.toUpperCase()} ${path}`, statuses);
    }
  }
  return byOperation;
}

export function checkDocumentedError(app: FastifyInstance) {
  let documented: Map<string, Map<string, string>> | undefined;
  return (request: FastifyRequest, reply: FastifyReply, payload: string): void => {
    const route = request.routeOptions.url;
    if (!route || !String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json'))
      return;
    documented ??= documentedCodes(app);
    const key = `${request.method} ${route.replace(/:(\w+)/g, '{$1}')}`;
    const statuses = documented.get(key);
    if (!statuses) return; // a route the description leaves out (the web pages, test-only routes)
    const code = (JSON.parse(payload) as { code?: string }).code;
    if (!statuses.get(String(reply.statusCode))?.includes(`\`${code}\``))
      undocumented.push(`${key} answered ${reply.statusCode} ${code}, which its description does not list`);
  };
}
