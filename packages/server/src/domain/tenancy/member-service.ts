import type { Role } from "@nudge/schema";
import { AppError, notFound } from "../app-error.js";
import type { Clock } from "../clock.js";
import { newId } from "../ids.js";
import type { Principal } from "./access.js";
import type { TenancyStore } from "./ports.js";
import { hashPassword } from "./secrets.js";

export interface Member {
  accountId: string;
  email: string;
  role: Role;
}

/** Team members of an organization: owners add people and set roles; everyone may look. */
export class MemberService {
  constructor(
    private readonly store: TenancyStore,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, organizationId: string): Promise<Member[]> {
    await this.roleOf(principal, organizationId);
    return this.store.members(organizationId);
  }

  /** Adds an account (created with the given initial password when the email is new). */
  async add(
    principal: Principal,
    organizationId: string,
    input: { email: string; password: string; role: Role },
  ): Promise<Member> {
    await this.requireOwner(principal, organizationId);
    const now = this.clock.now();
    let account = await this.store.findAccountByEmail(input.email);
    if (!account) {
      const created = {
        id: newId("acc"),
        email: input.email,
        passwordHash: await hashPassword(input.password),
      };
      if (await this.store.createAccount(created, now)) account = created;
      else account = await this.store.findAccountByEmail(input.email);
    }
    if (!account) throw new AppError("conflict", "That account could not be created; try again");
    await this.store.addMembership(organizationId, account.id, input.role, now);
    return { accountId: account.id, email: account.email, role: input.role };
  }

  async setRole(principal: Principal, organizationId: string, accountId: string, role: Role) {
    await this.requireOwner(principal, organizationId);
    const current = await this.store.roleIn(organizationId, accountId);
    if (!current) throw notFound("Member");
    if (current === "owner" && role !== "owner") await this.keepAnOwner(organizationId);
    await this.store.addMembership(organizationId, accountId, role, this.clock.now());
  }

  async remove(principal: Principal, organizationId: string, accountId: string): Promise<void> {
    await this.requireOwner(principal, organizationId);
    const current = await this.store.roleIn(organizationId, accountId);
    if (!current) throw notFound("Member");
    if (current === "owner") await this.keepAnOwner(organizationId);
    await this.store.removeMembership(organizationId, accountId);
  }

  private async keepAnOwner(organizationId: string): Promise<void> {
    const owners = (await this.store.members(organizationId)).filter((m) => m.role === "owner");
    if (owners.length <= 1) {
      throw new AppError("conflict", "An organization needs at least one owner");
    }
  }

  private async roleOf(principal: Principal, organizationId: string): Promise<Role> {
    if (principal.kind !== "session") {
      throw new AppError("forbidden", "Team members are managed from a dashboard session");
    }
    const role = await this.store.roleIn(organizationId, principal.accountId);
    if (!role) throw notFound("Organization");
    return role;
  }

  private async requireOwner(principal: Principal, organizationId: string): Promise<void> {
    if ((await this.roleOf(principal, organizationId)) !== "owner") {
      throw new AppError("forbidden", "Only an owner can manage team members");
    }
  }
}
