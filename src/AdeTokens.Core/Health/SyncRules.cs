using System;
using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Health
{
    // SyncFailed, NeverSynced, SyncStale, SyncRecentlyTriggered.
    internal static class SyncRules
    {
        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            var failed = SyncFailed(c);
            if (failed != null) yield return failed;
            var never = NeverSynced(c);
            if (never != null) yield return never;
            var stale = SyncStale(c);
            if (stale != null) yield return stale;
            var recent = SyncRecentlyTriggered(c);
            if (recent != null) yield return recent;
        }

        // Critical for any non-zero code: Apple refused the sync, whatever the number means.
        private static HealthFinding? SyncFailed(RuleContext c)
        {
            var code = c.Token.LastSyncErrorCode;
            if (!code.HasValue || code.Value == 0) return null;
            var lookup = c.Catalog.Lookup(code.Value);
            // Invariant: under sv-SE or fi-FI a negative code would otherwise print with U+2212 instead of '-'.
            var number = code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var afterFix = $"After the fix, sync the token and check that its sync error code returns to 0. {c.SyncStep}";

            if (lookup.Error != null)
            {
                var e = lookup.Error;
                var others = lookup.CausesFor(c.ExpiryState).Where(x => !x.Errors.Contains(e)).Select(x => x.Title);
                var steps = new List<string>(e.Fix) { afterFix };
                if (lookup.Evidence != SyncErrorEvidence.Documented)
                    steps.Add($"If the error stays after that, the meaning of code {number} may be wrong (it isn't confirmed). Work through the other documented causes, most likely first: {string.Join("; ", others)}.");
                return c.Finding(HealthFindingCodes.SyncFailed, FindingSeverity.Critical,
                    $"The last sync with Apple failed with error code {number}. The most likely cause is '{e.Message}'. {e.Cause} Who can fix it: {e.FixableBy}",
                    steps, e.HelpUri,
                    evidence: Evidence(code.Value, e, lookup.Mapping!));
            }

            var causes = lookup.CausesFor(c.ExpiryState);
            var state = c.ExpiryState == TokenExpiryState.Expired ? $"the token's expiry date ({InvariantText.Utc(c.Expiry!.Value)}) has passed"
                      : c.ExpiryState == TokenExpiryState.Valid ? $"the token is valid until {InvariantText.Utc(c.Expiry!.Value)}"
                      : "Intune reports no expiry date for this token";
            var remediation = causes.Select(x => Render(x.CheckTemplateFor(c.ExpiryState), c, code.Value)).ToList();
            remediation.Add(afterFix);
            return c.Finding(HealthFindingCodes.SyncFailed, FindingSeverity.Critical,
                $"The last sync with Apple failed with error code {number}. The code is unmapped: Microsoft doesn't document what lastSyncErrorCode values mean. Because {state}, the most likely cause is '{causes[0].Title}'. The Remediation steps list the documented causes, most likely first, with a check for each.",
                remediation, HelpLinks.SyncTokenErrors,
                evidence: $"Unmapped: there is no known meaning for code {number}. The causes come from Microsoft's documented ADE sync errors ({HelpLinks.SyncTokenErrors}), ordered by this token's own expiry date.");
        }

        // Critical only once the token had time to sync: a token added an hour ago is not broken.
        // Edge: age > grace (strictly); exactly NeverSyncedGraceHours old is still Info.
        private static HealthFinding? NeverSynced(RuleContext c)
        {
            if (c.LastSuccess.HasValue) return null;
            var grace = c.Options.NeverSyncedGraceHours;
            var steps = new[]
            {
                "If the token also reports a sync error (SyncFailed), fix that first.",
                "Check in Apple Business Manager or Apple School Manager that the server token uploaded to Intune was downloaded for this token's MDM server, and that devices are assigned to that MDM server.",
                "Trigger a sync. " + c.SyncStep,
                "If it still doesn't sync, work through Microsoft's sync token errors (see HelpUri).",
            };
            if (!c.LastModified.HasValue)
            {
                return c.Finding(HealthFindingCodes.NeverSynced, FindingSeverity.Warning,
                    "The token has never synced with Apple, and Intune reports no setup date for it (lastModifiedDateTime), so it can't be told apart from a token that was added minutes ago.",
                    steps, HelpLinks.SyncTokenErrors);
            }

            var age = c.AsOf - c.LastModified.Value;
            if (age > RuleContext.Hours(grace))
            {
                return c.Finding(HealthFindingCodes.NeverSynced, FindingSeverity.Critical,
                    $"The token has never synced with Apple, although it was set up {Text.Duration(age)} ago ({InvariantText.Utc(c.LastModified.Value)}), more than the {Text.Hours(grace)}-hour grace period.",
                    steps, HelpLinks.SyncTokenErrors);
            }

            var deadline = c.LastModified.Value + RuleContext.Hours(grace);
            return c.Finding(HealthFindingCodes.NeverSynced, FindingSeverity.Info,
                $"New token, first sync pending: it was set up at {InvariantText.Utc(c.LastModified.Value)} and hasn't synced yet. It becomes Critical if it still hasn't synced after {InvariantText.Utc(deadline)} ({Text.Hours(grace)} hours after setup).",
                new[] { "No action is needed yet, because Intune syncs new tokens on its own. You can also sync now. " + c.SyncStep },
                HelpLinks.SyncManagedDevices);
        }

        // Edge: stale when (asOf - lastSuccess) > StaleSyncHours, strictly: exactly 36 h is fine, 36 h + 1 s is stale.
        private static HealthFinding? SyncStale(RuleContext c)
        {
            if (!c.LastSuccess.HasValue) return null;
            var since = c.AsOf - c.LastSuccess.Value;
            var limit = c.Options.StaleSyncHours;
            if (since <= RuleContext.Hours(limit)) return null;

            string first;
            if (c.ExpiryState == TokenExpiryState.Expired) first = "The token has expired (see TokenExpired). Renew it first, because an expired token can't sync.";
            else if (c.Token.LastSyncErrorCode.HasValue && c.Token.LastSyncErrorCode.Value != 0) first = "Fix the sync error reported for this token first (see SyncFailed).";
            else first = $"{c.TokenPath}, and check whether the token shows a sync error.";
            return c.Finding(HealthFindingCodes.SyncStale, FindingSeverity.Warning,
                $"No successful sync with Apple for {Text.Duration(since)} (last at {InvariantText.Utc(c.LastSuccess.Value)}), more than the {Text.Hours(limit)}-hour limit. {Cadence(c)}",
                new[]
                {
                    first,
                    "Trigger a sync. " + c.SyncStep,
                    "If it still doesn't sync, work through Microsoft's sync token errors (see HelpUri): check the token's expiry date, check for new terms and conditions in Apple Business Manager or Apple School Manager, and check that the MDM server is still in the MDM server list there.",
                },
                HelpLinks.SyncTokenErrors);
        }

        // Microsoft's iOS ADE page says Intune syncs every 12 hours, its macOS page "every 24 hours". Which one applies is
        // known only from what the token holds, so a token known to hold only Macs gets the macOS figure, and one whose
        // platforms are unknown or mixed gets both rather than a claim that may be wrong.
        internal static string Cadence(RuleContext c)
        {
            var platform = KnownPlatforms(c);
            if (platform.Count == 1 && platform.Contains("macOS"))
                return "Microsoft's macOS ADE page says a sync runs automatically every 24 hours, so the scheduled syncs since then have not succeeded.";
            if (platform.Count > 0 && !platform.Contains("macOS"))
                return "Intune runs a delta sync every 12 hours, so several scheduled syncs have not succeeded.";
            return "Intune syncs automatically every 12 hours per Microsoft's iOS/iPadOS ADE page (every 24 hours per its macOS page), so the scheduled syncs since then have not succeeded.";
        }

        // Platforms of the token's active devices when they were read, otherwise of its profiles; empty when neither is known.
        private static HashSet<string> KnownPlatforms(RuleContext c)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            if (c.Devices != null && c.Devices.ActiveCount > 0)
            {
                foreach (var (group, platform, _) in ProfileDeviceRules.Platforms)
                    if (c.Devices.GetCount(group) > 0) set.Add(platform);
                if (c.Devices.GetCount(DevicePlatformGroup.Other) > 0) set.Add("Unknown");
                return set;
            }
            if (c.Profiles != null)
                foreach (var p in c.Profiles.Profiles) set.Add(p.Platform);
            return set;
        }

        // Edge: Info while (asOf - triggered) < interval; at exactly 15:00 a new manual sync is allowed and the finding goes.
        private static HealthFinding? SyncRecentlyTriggered(RuleContext c)
        {
            if (!c.LastTriggered.HasValue) return null;
            var triggered = c.LastTriggered.Value;
            var interval = TimeSpan.FromMinutes(c.Options.ManualSyncIntervalMinutes);
            var elapsed = c.AsOf - triggered;
            if (elapsed >= interval) return null;
            var next = triggered + interval;
            var ago = elapsed >= TimeSpan.Zero ? $"{Text.Duration(elapsed)} ago" : "later than the evaluation time; check the clocks";
            var pending = !c.LastSuccess.HasValue || c.LastSuccess.Value < triggered ? " Its result isn't known yet." : string.Empty;
            return c.Finding(HealthFindingCodes.SyncRecentlyTriggered, FindingSeverity.Info,
                $"A sync was requested at {InvariantText.Utc(triggered)} ({ago}). Intune allows one manual sync every {c.Options.ManualSyncIntervalMinutes} minutes, so the next one is allowed from {InvariantText.Utc(next)}.{pending}",
                new[] { $"Wait until {InvariantText.Utc(next)} before requesting another sync. Each sync has up to 15 minutes to finish, and the last successful sync time changes when it succeeds." },
                HelpLinks.SyncManagedDevices);
        }

        // The mapping's note already states its level ("Third-party observation, unverified by Microsoft: ...");
        // documented mappings, which the note may not label, get the level spelled out.
        private static string Evidence(int code, SyncErrorEntry e, SyncErrorCodeMapping m)
        {
            var level = m.Evidence == SyncErrorEvidence.Documented ? " (documented)" : string.Empty;
            var url = m.Source.Url is null ? string.Empty : $" Source: {m.Source.Url}";
            return $"Code {code.ToString(System.Globalization.CultureInfo.InvariantCulture)} = '{e.Message}'{level}. {m.Note}{url}";
        }

        internal static string Render(string template, RuleContext c, int code)
            => template
                .Replace("{expiry}", c.Expiry.HasValue ? InvariantText.Utc(c.Expiry.Value) : "unknown")
                .Replace("{appleId}", c.AppleIdText)
                .Replace("{tokenId}", c.TokenId)
                .Replace("{tokenName}", c.Token.Name ?? c.TokenId)
                .Replace("{code}", code.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Replace("{lastTriggered}", c.LastTriggered.HasValue ? InvariantText.Utc(c.LastTriggered.Value) : "unknown");
    }
}
