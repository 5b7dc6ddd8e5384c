/**
 * The build step that makes the bundle's module factories eagerly compiled (scripts/lib/eager-factories.mjs):
 * which factories it rewrites, that a rewritten factory does what it did, and that the built bundle has it applied.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { eagerFactories } from '../../scripts/lib/eager-factories.mjs';
import { DIST } from '../support/run-dist.js';

type Factory = (
  module: { exports: Record<string, unknown> },
  exports: Record<string, unknown>,
  require: unknown,
) => void;

/** Runs every factory of the table `modules` declared by `code`, as webpack does; the exports of each. */
function runFactories(code: string): Record<string, unknown> {
  const modules = runInNewContext(`"use strict";${code};modules`) as Record<string, Factory>;
  const results: Record<string, unknown> = {};
  for (const [id, factory] of Object.entries(modules)) {
    const module = { exports: {} as Record<string, unknown> };
    factory.call(modules, module, module.exports, (wanted: string) => `required ${wanted}`);
    results[id] = module.exports;
  }
  return results;
}

describe('eagerFactories', () => {
  it('rewrites arrow factories as parenthesised function expressions, and parenthesises function factories', () => {
    const code = 'var modules={12:(e,t,r)=>{t.value=r(3)+"!"},3:function(e){e.exports={three:3}}};';
    const result = eagerFactories(code);
    expect(result).toMatchObject({ rewritten: 2, kept: 0, eager: 0 });
    expect(result.code).toBe(
      'var modules={12:(function(e,t,r){t.value=r(3)+"!"}),3:(function(e){e.exports={three:3}})};',
    );
    expect(runFactories(result.code)).toEqual(runFactories(code));
  });

  it('leaves a factory alone that uses the `this` or `arguments` of its surroundings', () => {
    const code = [
      'var modules={',
      '1:(e,t)=>{t.self=this},',
      '2:(e,t)=>{t.nested=[1].map(()=>this)},',
      '3:(e,t)=>{t.count=typeof arguments},',
      '4:(e,t)=>{t.C=class{[this]=1}},',
      '};',
    ].join('');
    expect(eagerFactories(code)).toEqual({ code, rewritten: 0, kept: 4, eager: 0 });
  });

  it('rewrites a factory whose `this` belongs to a nested function or class, or that reads import.meta', () => {
    const code = [
      'var modules={',
      '1:(e,t)=>{t.f=function(){return this}},',
      '2:(e,t)=>{t.C=class{field=this;method(){return this}static{this.s=1}}},',
      '3:(e,t)=>{t.url=typeof import.meta},',
      '};',
    ].join('');
    expect(eagerFactories(code)).toMatchObject({ rewritten: 3, kept: 0 });
  });

  it.each([
    ['a key that is not a module id', 'var modules={a:(e)=>{e.x=1}};'],
    ['a value that is not a function', 'var modules={1:(e)=>{e.x=1},2:3};'],
    ['an async function', 'var modules={1:async(e)=>{e.x=1}};'],
    ['a destructured parameter', 'var modules={1:({exports})=>{exports.x=1}};'],
    ['a method', 'var modules={1(e){e.x=1}};'],
  ])('changes nothing in an object with %s', (_, code) => {
    expect(eagerFactories(code)).toEqual({ code, rewritten: 0, kept: 0, eager: 0 });
  });

  it('rewrites only the table of modules a top-level declaration holds, not a numbered table inside a module', () => {
    const code = 'var modules={1:(e,t)=>{t.handlers={200:(r)=>r.ok,404:(r)=>{return null}}}};';
    const result = eagerFactories(code);
    expect(result).toMatchObject({ rewritten: 1, kept: 0 });
    expect(result.code).toBe('var modules={1:(function(e,t){t.handlers={200:(r)=>r.ok,404:(r)=>{return null}}})};');
    expect(eagerFactories('function f(){var modules={1:(e)=>{e.x=1}}}')).toMatchObject({ rewritten: 0 });
    expect(eagerFactories('export const modules={1:(e)=>{e.x=1}};')).toMatchObject({ rewritten: 1 });
  });

  it('changes nothing on a second pass', () => {
    const once = eagerFactories('var modules={1:(e,t)=>{t.x=1},2:(e,t)=>{t.y=2}};');
    expect(eagerFactories(once.code)).toEqual({ code: once.code, rewritten: 0, kept: 0, eager: 2 });
  });

  it('has been applied to every module of the built bundle', () => {
    const files = readdirSync(DIST).filter((file) => /^(bundle|\d+\.index)\.js$/.test(file));
    expect(files).toContain('bundle.js');
    let eager = 0;
    for (const file of files) {
      const result = eagerFactories(readFileSync(join(DIST, file), 'utf8'));
      expect({ file, rewritten: result.rewritten }).toEqual({ file, rewritten: 0 });
      eager += result.eager;
    }
    expect(eager).toBeGreaterThan(100);
  });
});
