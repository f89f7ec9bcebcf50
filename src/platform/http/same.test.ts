/** `Same` (schemas.ts) is exact: these pairs are checked by the compiler (`tsc --noEmit` in npm test), the test only runs them. */
import { describe, expect, it } from 'vitest';
import { Type, type Static } from 'typebox';
import { Nullable, type Same } from './schemas.ts';

const Schema = Type.Object({ id: Type.String(), note: Type.Optional(Type.String()), tags: Type.Array(Type.Object({ name: Type.String() })) });
type View = { id: string; note?: string; tags: { name: string }[] };
const NullableText = Nullable(Type.String());

describe('Same', () => {
  it('holds for the same shape however it is written', () => {
    const equal: Same<Static<typeof Schema>, View> = true;
    const intersection: Same<{ a: string } & { b: number }, { a: string; b: number }> = true;
    const readonlyArray: Same<{ items: readonly string[] }, { items: string[] }> = true;
    const nullable: Same<Static<typeof NullableText>, string | null> = true;
    expect([equal, intersection, readonlyArray, nullable]).toEqual([true, true, true, true]);
    // What the types say is what the schemas check at run time: `note` is not required, a null passes the nullable text.
    expect(Schema.required).toEqual(['id', 'tags']);
    expect(NullableText.anyOf.map((s) => s.type)).toEqual(['null', 'string']);
  });

  it('fails on a field optional on one side only (also when the other side lacks it), at any depth', () => {
    // @ts-expect-error `note` is optional in the view and absent from the schema: assignable both ways, not the same
    const missingOptional: Same<{ id: string }, { id: string; note?: string }> = true;
    // @ts-expect-error `note` is optional on one side, required on the other
    const optionalVsRequired: Same<{ note?: string }, { note: string | undefined }> = true;
    // @ts-expect-error the difference is inside an array's items
    const deep: Same<Static<typeof Schema>, { id: string; note?: string; tags: { name: string; extra?: number }[] }> = true;
    // @ts-expect-error a field on one side only
    const extra: Same<View, { id: string; note?: string; tags: { name: string }[]; more: boolean }> = true;
    const notSame: Same<{ id: string }, { id: string; note?: string }> = false;
    expect([missingOptional, optionalVsRequired, deep, extra, notSame]).toEqual([true, true, true, true, false]);
  });
});
