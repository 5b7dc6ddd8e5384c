import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  type Account,
} from '@aws-sdk/client-organizations';
import { ancestryFromPath, discoverAccounts, targetsFromList } from '../../src/state/organization-accounts.js';

const organizations = mockClient(OrganizationsClient);
const client = new OrganizationsClient({ region: 'us-east-1' });

function account(id: string, state: Account['State'] = 'ACTIVE', extra: Partial<Account> = {}): Account {
  return { Id: id, Name: `acct-${id.slice(-2)}`, State: state, ...extra };
}

beforeEach(() => {
  organizations.reset();
});

describe('discoverAccounts without OU filter', () => {
  it('follows ListAccounts pages, keeps ACTIVE accounts sorted by ID and notes the others', async () => {
    organizations
      .on(ListAccountsCommand, {})
      .resolves({ Accounts: [account('000000000003'), account('000000000009', 'SUSPENDED')], NextToken: 'page2' })
      .on(ListAccountsCommand, { NextToken: 'page2' })
      .resolves({
        Accounts: [
          account('000000000001'),
          account('000000000007', 'PENDING_CLOSURE'),
          account('000000000008', 'CLOSED'),
        ],
      });
    const discovery = await discoverAccounts(client);
    expect(discovery.accounts).toEqual([
      { id: '000000000001', name: 'acct-01', organizationalUnits: [] },
      { id: '000000000003', name: 'acct-03', organizationalUnits: [] },
    ]);
    expect(discovery.notes).toEqual([
      'account 000000000007 skipped: it is PENDING_CLOSURE',
      'account 000000000008 skipped: it is CLOSED',
      'account 000000000009 skipped: it is SUSPENDED',
    ]);
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(2);
    expect(organizations.commandCalls(ListRootsCommand)).toHaveLength(0);
  });

  it('reads the retired Status field when State is absent', async () => {
    organizations.on(ListAccountsCommand).resolves({
      Accounts: [
        { Id: '000000000001', Status: 'ACTIVE' },
        { Id: '000000000002', Status: 'SUSPENDED' },
        { Id: '000000000003', State: 'SUSPENDED', Status: 'ACTIVE' },
      ],
    });
    const discovery = await discoverAccounts(client);
    expect(discovery.accounts.map((target) => target.id)).toEqual(['000000000001']);
  });

  it('filters by account ID and notes requested IDs the organization does not have', async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account('000000000001'), account('000000000002')] });
    const discovery = await discoverAccounts(client, { accountIds: ['000000000002', '000000000005'] });
    expect(discovery.accounts.map((target) => target.id)).toEqual(['000000000002']);
    expect(discovery.notes).toEqual(['account 000000000005 skipped: not found in the organization']);
  });

  it('uses the Paths ListAccounts returns for OU ancestry, without walking the tree', async () => {
    organizations.on(ListAccountsCommand).resolves({
      Accounts: [account('000000000001', 'ACTIVE', { Paths: ['o-abcdefghij/r-ab12/ou-ab12-11111111/000000000001/'] })],
    });
    const discovery = await discoverAccounts(client, { needOrganizationalUnits: true });
    expect(discovery.accounts[0]?.organizationalUnits).toEqual(['r-ab12', 'ou-ab12-11111111']);
    expect(organizations.commandCalls(ListRootsCommand)).toHaveLength(0);
  });
});

/** r-ab12 -> [000000000001, ou-ab12-aaaaaaaa -> [000000000002, ou-ab12-bbbbbbbb -> [000000000003 (suspended), 000000000004]]] */
function mockTree(): void {
  organizations.on(ListAccountsCommand).resolves({ Accounts: ['1', '2', '4'].map((n) => account(`00000000000${n}`)) });
  organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-ab12' }] });
  organizations
    .on(ListAccountsForParentCommand, { ParentId: 'r-ab12' })
    .resolves({ Accounts: [account('000000000001')] })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-aaaaaaaa' })
    .resolves({ Accounts: [account('000000000002')] })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-bbbbbbbb' })
    .resolves({ Accounts: [account('000000000003', 'SUSPENDED')], NextToken: 'more' })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-bbbbbbbb', NextToken: 'more' })
    .resolves({ Accounts: [account('000000000004')] });
  organizations
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' })
    .resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-aaaaaaaa' }] })
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-aaaaaaaa' })
    .resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-bbbbbbbb' }] })
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-bbbbbbbb' })
    .resolves({ OrganizationalUnits: [] });
  organizations
    .on(ListParentsCommand, { ChildId: 'ou-ab12-bbbbbbbb' })
    .resolves({ Parents: [{ Id: 'ou-ab12-aaaaaaaa', Type: 'ORGANIZATIONAL_UNIT' }] })
    .on(ListParentsCommand, { ChildId: 'ou-ab12-aaaaaaaa' })
    .resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
}

describe('discoverAccounts with OUs', () => {
  it('walks an OU filter recursively with the full ancestry from ListParents', async () => {
    mockTree();
    const discovery = await discoverAccounts(client, { organizationalUnits: ['ou-ab12-aaaaaaaa'] });
    expect(discovery.accounts).toEqual([
      { id: '000000000002', name: 'acct-02', organizationalUnits: ['r-ab12', 'ou-ab12-aaaaaaaa'] },
      { id: '000000000004', name: 'acct-04', organizationalUnits: ['r-ab12', 'ou-ab12-aaaaaaaa', 'ou-ab12-bbbbbbbb'] },
    ]);
    expect(discovery.notes).toEqual(['account 000000000003 skipped: it is SUSPENDED']);
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(0);
  });

  it('lists an account once when nested OUs are both given', async () => {
    mockTree();
    const discovery = await discoverAccounts(client, { organizationalUnits: ['ou-ab12-bbbbbbbb', 'ou-ab12-aaaaaaaa'] });
    expect(discovery.accounts.map((target) => target.id)).toEqual(['000000000002', '000000000004']);
    expect(discovery.accounts[1]?.organizationalUnits).toEqual(['r-ab12', 'ou-ab12-aaaaaaaa', 'ou-ab12-bbbbbbbb']);
  });

  it('walks from the roots when per-OU targets need ancestry and ListAccounts has no Paths', async () => {
    mockTree();
    const discovery = await discoverAccounts(client, {
      needOrganizationalUnits: true,
      accountIds: ['000000000001', '000000000004'],
    });
    expect(discovery.accounts).toEqual([
      { id: '000000000001', name: 'acct-01', organizationalUnits: ['r-ab12'] },
      { id: '000000000004', name: 'acct-04', organizationalUnits: ['r-ab12', 'ou-ab12-aaaaaaaa', 'ou-ab12-bbbbbbbb'] },
    ]);
    expect(organizations.commandCalls(ListRootsCommand)).toHaveLength(1);
  });

  it('gives the same answer on every run', async () => {
    mockTree();
    const first = await discoverAccounts(client, { needOrganizationalUnits: true });
    const second = await discoverAccounts(client, { needOrganizationalUnits: true });
    expect(second).toEqual(first);
  });

  it('lets an Organizations error through (no targets, no run)', async () => {
    organizations
      .on(ListAccountsCommand)
      .rejects(Object.assign(new Error('You are not authorized'), { name: 'AccessDeniedException' }));
    await expect(discoverAccounts(client)).rejects.toThrow('not authorized');
  });
});

describe('targets and paths', () => {
  it('turns a list into targets without OUs', () => {
    expect(targetsFromList(['000000000002', '000000000001'])).toEqual([
      { id: '000000000001', organizationalUnits: [] },
      { id: '000000000002', organizationalUnits: [] },
    ]);
  });
  it('keeps the root and OUs of a Paths entry', () => {
    expect(ancestryFromPath('o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/111122223333/')).toEqual([
      'r-ab12',
      'ou-ab12-11111111',
      'ou-ab12-22222222',
    ]);
  });
});
