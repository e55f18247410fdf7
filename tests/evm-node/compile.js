#!/usr/bin/env node
// Compiles contracts/*.sol with the pinned solc npm package (standard-JSON API) and writes
// <outDir>/contracts.json = { "<ContractName>": { abi, bytecode, deployedBytecode, methodIdentifiers } }.
// Usage: node compile.js <outDir>
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

// Pinned so the bytecode does not change with the solc default; anvil's default hardfork is newer.
const EVM_VERSION = 'cancun';

const root = __dirname;
const contractsDir = path.join(root, 'contracts');
const nodeModules = path.join(root, 'node_modules');

function fail(message) {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(1);
}

const outDir = process.argv[2];
if (!outDir) {
  fail('usage: node compile.js <outDir>');
}

const files = fs.readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort();
if (files.length === 0) {
  fail(`no .sol files in ${contractsDir}`);
}

const sources = {};
for (const f of files) {
  sources[`contracts/${f}`] = { content: fs.readFileSync(path.join(contractsDir, f), 'utf8') };
}

// Resolves "@openzeppelin/..." from node_modules and "contracts/..." from this folder; nothing else.
function findImports(importPath) {
  let base;
  let rel;
  if (importPath.startsWith('@openzeppelin/')) {
    base = nodeModules;
    rel = importPath;
  } else if (importPath.startsWith('contracts/')) {
    base = contractsDir;
    rel = importPath.slice('contracts/'.length);
  } else {
    return { error: `import not allowed: ${importPath}` };
  }
  const full = path.resolve(base, rel);
  if (!full.startsWith(base + path.sep)) {
    return { error: `import escapes ${base}: ${importPath}` };
  }
  try {
    return { contents: fs.readFileSync(full, 'utf8') };
  } catch (e) {
    return { error: `cannot read ${importPath}: ${e.message}` };
  }
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: EVM_VERSION,
    outputSelection: {
      '*': {
        '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'],
      },
    },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const diagnostics = output.errors || [];
const errors = diagnostics.filter((d) => d.severity === 'error');
for (const d of diagnostics.filter((x) => x.severity !== 'error')) {
  process.stderr.write(d.formattedMessage || d.message);
}
if (errors.length > 0) {
  fail(`solc ${solc.version()} failed:\n` + errors.map((d) => d.formattedMessage || d.message).join('\n'));
}

const result = {};
for (const file of Object.keys(output.contracts || {}).sort()) {
  if (!file.startsWith('contracts/')) {
    continue;
  }
  for (const name of Object.keys(output.contracts[file]).sort()) {
    const c = output.contracts[file][name];
    if (result[name]) {
      fail(`contract name ${name} is defined twice`);
    }
    result[name] = {
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object,
      methodIdentifiers: c.evm.methodIdentifiers,
    };
  }
}

// Write to a temporary file and rename, so a reader never sees a half-written contracts.json.
fs.mkdirSync(outDir, { recursive: true });
const target = path.join(outDir, 'contracts.json');
const temp = `${target}.${process.pid}.tmp`;
fs.writeFileSync(temp, JSON.stringify(result, null, 2) + '\n');
fs.renameSync(temp, target);
process.stdout.write(`solc ${solc.version()} (evm ${EVM_VERSION}): ${Object.keys(result).join(', ')} -> ${target}\n`);
