using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Graph.Models;

namespace AdeTokens.Health
{
    /// <summary>
    /// Applies the health rules to one token. Pure: the result depends only on the arguments (asOf stands in
    /// for the clock), so -AsOf reports are reproducible and every edge is unit-testable.
    /// </summary>
    public static class HealthEvaluator
    {
        // Declaration order is the tie-break inside one severity: expiry first, because it is what most often
        // explains the sync findings below it.
        private static readonly Func<RuleContext, IEnumerable<HealthFinding>>[] Rules =
        {
            ExpiryRules.Evaluate,
            SyncRules.Evaluate,
            ConsentRules.Evaluate,
            ApnsRules.Evaluate,
            VppRules.Evaluate,
            ProfileDeviceRules.Evaluate,
            IncompleteRules.Evaluate,
        };

        /// <summary>Evaluates <paramref name="token"/> at <paramref name="asOf"/>.</summary>
        /// <param name="token">The token's status (from Get-AdeTokenStatus, Graph or a snapshot).</param>
        /// <param name="asOf">The instant to judge at; DaysUntilExpiry is recomputed for it.</param>
        /// <param name="options">Thresholds; null for the defaults. Validated first.</param>
        /// <param name="tenant">APNs facts; null or not checked gives no APNs findings.</param>
        /// <param name="profiles">Profile facts; null or not checked gives no DefaultProfileMissing.</param>
        /// <param name="devices">Device summary; null gives no device findings.</param>
        /// <param name="incompleteChecks">What could not be read for this token; each gives CheckIncomplete, so the token is never Healthy.</param>
        /// <exception cref="ArgumentException">The options are inconsistent.</exception>
        public static HealthResult Evaluate(TokenStatus token, DateTimeOffset asOf, HealthOptions? options = null, TenantFacts? tenant = null, ProfileFacts? profiles = null, DeviceFacts? devices = null, IReadOnlyList<string>? incompleteChecks = null)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            options ??= new HealthOptions();
            options.Validate();

            var ctx = new RuleContext(token, asOf, options, tenant, profiles, devices, SyncErrorCatalog.Load())
            {
                Incomplete = incompleteChecks ?? Array.Empty<string>(),
            };
            // OrderByDescending is stable, so findings of equal severity keep the rule order.
            var findings = Rules.SelectMany(r => r(ctx)).OrderByDescending(f => f.Severity).ToArray();
            var worst = findings.Length == 0 ? FindingSeverity.Info : findings[0].Severity;

            return new HealthResult
            {
                TokenId = ctx.TokenId,
                TokenName = token.Name,
                AppleId = token.AppleId,
                TenantId = token.TenantId,
                Status = worst == FindingSeverity.Critical ? HealthStatus.Critical : worst == FindingSeverity.Warning ? HealthStatus.Warning : HealthStatus.Healthy,
                DaysUntilExpiry = ctx.DaysUntilExpiry,
                ExpirationDateTime = ctx.Expiry,
                LastSuccessfulSyncDateTime = ctx.LastSuccess,
                Findings = findings,
                EvaluatedAt = asOf,
                Token = token,
                Tenant = tenant,
                SyncMayHelp = findings.Any(f => f.Code == HealthFindingCodes.SyncStale || f.Code == HealthFindingCodes.NeverSynced || f.Code == HealthFindingCodes.SyncFailed)
                              && AdeTokens.Sync.SyncUsefulness.Check(token, asOf) is null,
            };
        }

        /// <summary>
        /// The finding that names a token's state: the first (so most severe) expiry or sync finding at Warning or above,
        /// or null when there is none. Findings must be in verdict order, as HealthResult.Findings are.
        /// </summary>
        public static HealthFinding? Headline(IEnumerable<HealthFinding> findings)
            => (findings ?? Array.Empty<HealthFinding>()).FirstOrDefault(f => f.Severity >= FindingSeverity.Warning && s_states.ContainsKey(f.Code));

        /// <summary>The token state (Get-AdeTokenStatus's Status) an expiry or sync finding code stands for.</summary>
        /// <exception cref="ArgumentException">The code is not one of the expiry and sync findings.</exception>
        public static TokenState StateFor(string code)
            => code != null && s_states.TryGetValue(code, out var state) ? state : throw new ArgumentException($"'{code}' is not an expiry or sync finding code.", nameof(code));

        // The expiry and sync subset of the rules, which is all a token's state is made of.
        private static readonly Dictionary<string, TokenState> s_states = new Dictionary<string, TokenState>(StringComparer.Ordinal)
        {
            [HealthFindingCodes.TokenExpired] = TokenState.Expired,
            [HealthFindingCodes.TokenExpiringSoon] = TokenState.ExpiringSoon,
            [HealthFindingCodes.ExpiryUnknown] = TokenState.ExpiryUnknown,
            [HealthFindingCodes.SyncFailed] = TokenState.SyncFailed,
            [HealthFindingCodes.NeverSynced] = TokenState.NeverSynced,
            [HealthFindingCodes.SyncStale] = TokenState.SyncStale,
        };

        /// <summary>Builds the token's status with the same thresholds, then evaluates it (the snapshot path).</summary>
        public static HealthResult Evaluate(DepOnboardingSetting setting, DateTimeOffset asOf, HealthOptions? options = null, TenantFacts? tenant = null, ProfileFacts? profiles = null, DeviceFacts? devices = null, string? tenantId = null)
        {
            if (setting is null) throw new ArgumentNullException(nameof(setting));
            options ??= new HealthOptions();
            options.Validate();
            var status = TokenStatusBuilder.Build(setting, asOf, options, tenantId);
            return Evaluate(status, asOf, options, tenant, profiles, devices);
        }
    }
}
