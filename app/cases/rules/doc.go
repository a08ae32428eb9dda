// Package rules holds the law's rules for penalty cases, free of storage and screens: which
// step may follow which, the deadlines, the fine ranges and the case-number format; every
// refusal says why in words, citing its article.
//
// Everything here is a pure function over plain values. Dates are calendar days: only the
// year, month and day of a time.Time count, in whatever location it carries. Money is in fen.
// The law's periods and thresholds come in through Params, taken from the rule set in force
// on the case's filing day (Set, BuiltinSets) with the office's local settings over it.
//
// The rules, for a legal reviewer. "Art." alone is 《中华人民共和国行政处罚法》(2021); 强制法 is
// 《行政强制法》; 办法 is 《安全生产违法行为行政处罚办法》 (令第77号 until 2026-01-31, 应急管理部令
// 第18号 from 2026-02-01; the 2026 values the rule itself sets are marked 待核实 until checked).
//
// Filing and time limits
//   - A case is filed once, not before the violation was discovered, and within 2 years of
//     the violation, 5 where life, health or financial safety was harmed (Art. 36).
//   - An urgent investigation may come first; the filing follows within 5 days (办法).
//   - The decision is due 30 days after filing, 90 with the head's approval, 180 with the next
//     level's; each extension is a recorded approval made before the period ends (办法; Art. 60).
//   - Periods of days in the law are working days (Art. 85); holidays come from the calendar.
//
// Investigation and officers
//   - At least two certified officers investigate; uncertified helpers (网格员, temps) may not
//     (Art. 42, 55). A decision on the spot is likewise made by two certified officers (Art. 42, 52).
//   - No notice and no decision in the general procedure without a recorded investigation
//     (Art. 54, 55).
//
// Notice, statement, hearing
//   - Before a penalty the party is told the facts, grounds, basis and its rights (Art. 44, 45,
//     62); no penalty decision without that notice.
//   - The decision waits for the statement period (3 working days, local practice) unless the
//     party has stated its case.
//   - A fine at or above 较大数额 (10,000 yuan for a person, 30,000 for a unit unless the
//     province sets others; 办法) or a heavy penalty (停产停业, 吊销许可证件 …) offers a hearing;
//     the party asks within 5 working days; the hearing is announced 7 working days ahead; a
//     requested hearing is held before the decision (Art. 63, 64).
//   - The decision is not heavier than the notice (Art. 45).
//
// Review and collective discussion
//   - Large fines, heavy penalties, decisions after a hearing and major cases need a passed
//     legal review (法制审核) before the decision (Art. 58).
//   - Major or complex cases, and every heavy penalty, are decided collectively by the heads
//     (Art. 57).
//
// The decision
//   - The fine lies within the item's legal range for the party (unit, person, or "not
//     corrected in time"), and within the chosen discretion tier (裁量基准, 应急管理部令第12号).
//   - Below the legal minimum only as a reduced penalty (减轻): with a ground of Art. 30–32, the
//     facts in words, and a passed legal review; never on the spot (Art. 32, 58).
//   - Not penalised (Art. 33): minor and corrected, first violation of a listed item (首违,
//     with no earlier penalty of the party), or no fault; always with a correction order and a
//     re-inspection date. No fine with it.
//   - Summary procedure: facts clear, at most 200 yuan for a person or 3,000 for a unit, or a
//     warning; rights told on the spot; no hearing, review or discussion (Art. 51, 52).
//
// After the decision
//   - Served within 7 working days (Art. 61); published within 7 working days (Art. 48).
//   - Paid within 15 days of service (Art. 67); 3 % a day late fee, at most the fine (Art. 72),
//     not counted while a review or lawsuit runs (Art. 73).
//   - Collected on the spot only for 100 yuan or less, or with the Art. 68(2)/69 reason in
//     words; with the official receipt (Art. 70); handed in within 2 working days (Art. 71).
//   - Deferral or instalments on application and approval, with a later last day (Art. 66).
//   - A reminder (催告) only after the payment deadline; court enforcement 10 working days
//     after it (强制法 Art. 54), once the 60-day review and 6-month lawsuit periods have run and
//     within 3 months after (强制法 Art. 53), and never while a review or lawsuit runs.
//   - A decision changed, revoked or found unlawful or void has its publication withdrawn
//     within 3 working days, with the reason (Art. 48).
//   - Closing needs the decision served and the fine paid (or enforcement applied for, or the
//     decision revoked); voiding needs its reason.
//
// Numbers
//   - One sequence per issuing body and year, no gaps, a voided number never reused; the town's
//     short name for 赋权 items (Art. 24), the district bureau's numbering — its name with the
//     town's mark or reserved range — for 委托 items (Art. 20), refused until the district has
//     supplied it.
package rules
