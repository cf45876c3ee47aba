// On-chain actions (AAVE supply/withdraw/borrow/repay, LST stake/unstake, DEX swaps, flash loans)
// go through one interface: prepare a transaction from the engine's orders, then submit it. The
// shipped implementation is a dry run that records what would be sent (per atomic group, in
// order) and never signs; a signer can implement the same interface later.
import { z } from "zod";

export const ONCHAIN_OPERATIONS = ["supply", "withdraw", "borrow", "repay", "stake", "unstake", "swap", "flash_borrow", "flash_repay", "transfer"] as const;

export const onchainActionSchema = z.object({
  operation: z.enum(ONCHAIN_OPERATIONS),
  protocol: z.enum(["aave_v3", "etherfi", "lido", "dex", "balancer", "wallet"]),
  asset: z.string().min(1),
  amount: z.number().positive(),
  /** engine order id, so a retry of the same order prepares the same transaction */
  orderId: z.number().int().nonnegative(),
  reason: z.string(),
});
export type OnchainAction = z.infer<typeof onchainActionSchema>;

/** The contract call each operation maps to (documentation for the operator; no ABI encoding in a dry run). */
const CALLS: Record<OnchainAction["operation"], string> = {
  supply: "Pool.supply(asset, amount, onBehalfOf, referralCode)",
  withdraw: "Pool.withdraw(asset, amount, to)",
  borrow: "Pool.borrow(asset, amount, interestRateMode=2, referralCode, onBehalfOf)",
  repay: "Pool.repay(asset, amount, interestRateMode=2, onBehalfOf)",
  stake: "LiquidityPool.deposit() / Lido.submit(referral)",
  unstake: "WithdrawRequestNFT.requestWithdraw / WithdrawalQueue.requestWithdrawals",
  swap: "Router.exactInputSingle(params)",
  flash_borrow: "Vault.flashLoan(recipient, tokens, amounts, userData)",
  flash_repay: "(repaid inside the flash-loan callback)",
  transfer: "ERC20.transfer(to, amount)",
};

export interface PreparedTransaction {
  /** stable id: the same group of orders always prepares the same id (idempotent retries) */
  id: string;
  chainId: number;
  /** one transaction per atomic group: all its actions succeed or none do */
  actions: readonly (OnchainAction & { call: string })[];
  preparedAt: number;
}

export interface SubmitResult {
  status: "recorded" | "sent";
  txHash: string | null;
}

export interface OnchainExecutor {
  prepare(groupId: string, actions: readonly OnchainAction[], now: number): PreparedTransaction;
  submit(tx: PreparedTransaction): Promise<SubmitResult>;
}

/** Records prepared transactions instead of signing them; submitting the same id twice records it once. */
export class DryRunExecutor implements OnchainExecutor {
  readonly recorded: PreparedTransaction[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly chainId = 1) {}

  prepare(groupId: string, actions: readonly OnchainAction[], now: number): PreparedTransaction {
    if (actions.length === 0) throw new Error("a transaction needs at least one action");
    const parsed = actions.map((a) => onchainActionSchema.parse(a));
    return { id: `${groupId}:${parsed.map((a) => a.orderId).join("-")}`, chainId: this.chainId, actions: parsed.map((a) => ({ ...a, call: CALLS[a.operation] })), preparedAt: now };
  }

  async submit(tx: PreparedTransaction): Promise<SubmitResult> {
    if (!this.seen.has(tx.id)) {
      this.seen.add(tx.id);
      this.recorded.push(tx);
    }
    return { status: "recorded", txHash: null };
  }
}
