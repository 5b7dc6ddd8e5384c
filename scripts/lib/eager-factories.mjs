// Build step: marks the bundle's module factories for eager compilation.
//
// V8 compiles a function lazily: a quick pre-parse when its file is compiled, then a full parse when it is first
// called. A function expression in parentheses is the exception, compiled in one pass with its file. Nearly every
// factory in a chunk runs as soon as the chunk is imported, so the lazy path parses most of the code a command
// loads twice. Rewriting each factory `(e,t,r)=>{...}` as `(function(e,t,r){...})` parses it once.
//
// An arrow and a function differ in `this`, `arguments`, `super` and `new.target`: a factory that uses any of them
// outside its nested functions stays as it is.
import { parse } from 'acorn';

/**
 * `code` (one ES module: ncc's main file or one of its chunks) with its module factories rewritten as parenthesised
 * function expressions. `rewritten` counts the factories changed, `kept` those left alone, `eager` those that were
 * parenthesised functions already (so a second pass changes nothing).
 */
export function eagerFactories(code) {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', preserveParens: true });
  const edits = [];
  let kept = 0;
  let eager = 0;
  for (const table of topLevelObjects(program).filter(isModuleTable)) {
    for (const { value } of table.properties) {
      if (value.type === 'ParenthesizedExpression') {
        eager += 1;
      } else if (value.type === 'FunctionExpression') {
        edits.push({ start: value.start, end: value.end, text: `(${code.slice(value.start, value.end)})` });
      } else if (value.body.type === 'BlockStatement' && !usesOwnBindings(value.body)) {
        const params = value.params.map((param) => param.name).join(',');
        const body = code.slice(value.body.start, value.body.end);
        edits.push({ start: value.start, end: value.end, text: `(function(${params})${body})` });
      } else {
        kept += 1;
      }
    }
  }
  let result = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return { code: result, rewritten: edits.length, kept, eager };
}

/**
 * The object literals that top-level declarations assign: where ncc's main file (`var t={...}`) and its chunks
 * (`export const modules={...}`) hold their modules. Only these: a table of numbered functions inside a module
 * (status code to handler, say) is that module's own code, and rewriting it inside a factory being rewritten would
 * make the two edits overlap.
 */
function topLevelObjects(program) {
  const objects = [];
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const { init } of declaration.declarations) if (init?.type === 'ObjectExpression') objects.push(init);
  }
  return objects;
}

/** webpack's table of modules: an object whose keys are all module ids and whose values are all factories. */
function isModuleTable(node) {
  return (
    node.type === 'ObjectExpression' &&
    node.properties.length > 0 &&
    node.properties.every(
      (property) =>
        property.type === 'Property' &&
        property.kind === 'init' &&
        !property.computed &&
        !property.method &&
        /^\d+$/.test(String(property.key.type === 'Literal' ? property.key.value : property.key.name)) &&
        isFactory(
          property.value.type === 'ParenthesizedExpression' && property.value.expression.type === 'FunctionExpression'
            ? property.value.expression
            : property.value,
        ),
    )
  );
}

function isFactory(node) {
  return (
    (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') &&
    !node.async &&
    !node.generator &&
    node.params.every((param) => param.type === 'Identifier')
  );
}

/** Whether code that an arrow would share with its surroundings uses `this`, `arguments`, `super` or `new.target`. */
function usesOwnBindings(body) {
  let uses = false;
  walk(body, (node) => {
    if (
      node.type === 'ThisExpression' ||
      node.type === 'Super' ||
      (node.type === 'MetaProperty' && node.meta.name === 'new') ||
      (node.type === 'Identifier' && node.name === 'arguments')
    ) {
      uses = true;
    }
    // A nested function (not an arrow), a class field's initialiser and a static block have these bindings of their
    // own; a computed class field name does not.
    if (node.type === 'PropertyDefinition') {
      if (node.computed && usesOwnBindings(node.key)) uses = true;
      return false;
    }
    return !(node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration' || node.type === 'StaticBlock');
  });
  return uses;
}

/** Visits `node` and its descendants, depth first; `visit` returning false skips a node's descendants. */
function walk(node, visit) {
  if (visit(node) === false) return;
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item && typeof item.type === 'string') walk(item, visit);
    } else if (child && typeof child.type === 'string') {
      walk(child, visit);
    }
  }
}
