import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SimError } from '../http.js';
import { personaOfficialPhoto, personaSelfie } from '../persona-photos.js';
import { PERSONAS, type Persona } from '../personas.js';

/*
 * Test controls, not part of Cashfree's API: who the simulator can be, and each persona's pictures,
 * so a client can take "the persona's selfie" over HTTP alone.
 */

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function personaOf(request: FastifyRequest): Persona {
  const { key } = request.params as { key: string };
  const persona = PERSONAS.get(key);
  if (!persona) throw new SimError(404, 'not_found_error', 'persona_value_invalid', `Unknown persona ${key}`);
  return persona;
}

export function registerPersonaRoutes(app: FastifyInstance): void {
  app.get('/simulator/personas', async (request) => {
    const base = `${origin(request)}/simulator/personas`;
    return [...PERSONAS.values()].map((persona) => ({
      key: persona.key,
      name: persona.digilocker.userDetails.name,
      purpose:
        persona.purpose ?? `DigiLocker and Secure-Share answers for ${persona.digilocker.userDetails.name}`,
      mobile: persona.mobile,
      selfie: `${base}/${persona.key}/selfie.jpg`,
      photo: `${base}/${persona.key}/photo.jpg`,
    }));
  });

  app.get('/simulator/personas/:key/selfie.jpg', async (request, reply) =>
    reply.type('image/jpeg').send(await personaSelfie(personaOf(request))),
  );

  app.get('/simulator/personas/:key/photo.jpg', async (request, reply) =>
    reply.type('image/jpeg').send(await personaOfficialPhoto(personaOf(request))),
  );
}
