using System;
using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Health
{
    // CompanyPortalVppTokenExpired, CompanyPortalVppTokenInvalid, CompanyPortalVppTokenExpiringSoon (and CheckIncomplete
    // when the VPP tokens could not be read). Microsoft's ADE page: devices are blocked from enrolling when the VPP token
    // that installs Company Portal expires or runs out of licences. Peers alert on every VPP token; these findings tie one
    // to the ADE token whose enrollment it breaks, so they need the profiles (-IncludeProfiles).
    // Edges, as for the ADE token: expiry <= asOf is expired; otherwise whole days left (floor), Warning at WarningDays
    // or fewer, Critical at CriticalDays or fewer. A state of expired wins over a future expiry date.
    internal static class VppRules
    {
        internal sealed class NamedVpp
        {
            public NamedVpp(string id, VppTokenInfo? info, IReadOnlyList<string> profiles)
            {
                Id = id;
                Info = info;
                Profiles = profiles;
            }

            public string Id { get; }
            public VppTokenInfo? Info { get; }
            public IReadOnlyList<string> Profiles { get; }
            public string Label => $"'{Name(Info, Id)}'";
        }

        // The VPP tokens this ADE token's profiles name, in first-named order, with the tenant's facts for each (null
        // when the tenant has no such token, or when VPP tokens weren't read).
        internal static IReadOnlyList<NamedVpp> NamedVppTokens(RuleContext c)
        {
            var p = c.Profiles;
            if (p is null) return Array.Empty<NamedVpp>();
            var byId = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            var order = new List<string>();
            foreach (var profile in p.Profiles)
            {
                var id = profile.CompanyPortalVppTokenId?.Trim();
                // Graph reports "no VPP token" as null; an all-zero GUID is treated the same, as the admin center never shows one.
                if (string.IsNullOrEmpty(id) || Guid.TryParse(id, out var g) && g == Guid.Empty) continue;
                if (!byId.TryGetValue(id!, out var names))
                {
                    names = new List<string>();
                    byId.Add(id!, names);
                    order.Add(id!);
                }
                names.Add(string.IsNullOrWhiteSpace(profile.DisplayName) ? profile.Id ?? "(unnamed profile)" : profile.DisplayName!);
            }
            var tenant = c.Tenant;
            var known = tenant != null && tenant.VppChecked ? tenant.VppTokens : null;
            return order.Select(id => new NamedVpp(id,
                known?.FirstOrDefault(v => v != null && string.Equals(v.Id, id, StringComparison.OrdinalIgnoreCase)),
                byId[id])).ToList();
        }

        public static IEnumerable<HealthFinding> Evaluate(RuleContext c)
        {
            var named = NamedVppTokens(c);
            if (named.Count == 0) yield break;
            var tenant = c.Tenant;
            if (tenant is null || !tenant.VppChecked)
            {
                if (tenant?.VppReadError != null)
                {
                    yield return c.Finding(HealthFindingCodes.CheckIncomplete, FindingSeverity.Warning,
                        $"This token's profiles install Company Portal through {Text.Plural(named.Count, "VPP token", "VPP tokens")} ({string.Join(", ", named.Select(n => n.Label))}), but the tenant's VPP tokens could not be read, so whether they are valid was not checked: {tenant.VppReadError}",
                        new[]
                        {
                            "Grant the app DeviceManagementServiceConfig.Read.All (or DeviceManagementApps.Read.All), which Graph's vppToken list needs, and run the check again.",
                            "Meanwhile, check the tokens in the Intune admin center: Tenant administration > Connectors and tokens > Apple VPP tokens.",
                        },
                        HelpLinks.RenewVppToken, "deviceAppManagement/vppTokens");
                }
                yield break;
            }

            foreach (var n in named)
            {
                var f = Judge(c, n);
                if (f != null) yield return f;
            }
        }

        private static HealthFinding? Judge(RuleContext c, NamedVpp n)
        {
            var profiles = ProfileList(n.Profiles);
            var v = n.Info;
            if (v is null)
            {
                return c.Finding(HealthFindingCodes.CompanyPortalVppTokenInvalid, FindingSeverity.Critical,
                    $"{profiles} of this token install{(n.Profiles.Count == 1 ? "s" : string.Empty)} Company Portal through the VPP token '{n.Id}', which no longer exists in the tenant. Devices that get {(n.Profiles.Count == 1 ? "this profile" : "these profiles")} can't install Company Portal during enrollment.",
                    new[]
                    {
                        $"{c.TokenPath}, then select Profiles, open {profiles}, and edit Install Company Portal with VPP: select a VPP token that exists and is valid, and save.",
                        "If the VPP token was deleted by mistake, upload it again: Tenant administration > Connectors and tokens > Apple VPP tokens > Create, with its location token file from Apple Business Manager or Apple School Manager (Preferences > Payments and Billing > Apps and Books > Content Tokens > Download).",
                        "Changed profile settings reach devices that already enrolled only after a factory reset; devices that sync and enroll later get them straight away.",
                    },
                    HelpLinks.CreateEnrollmentProfile, n.Id);
            }

            var expiry = TokenStatusBuilder.Never(v.ExpirationDateTime);
            var state = v.State ?? "unknown";
            var about = Describe(v, n.Id);
            var stateExpired = string.Equals(state, "expired", StringComparison.OrdinalIgnoreCase);
            var dateExpired = expiry.HasValue && expiry.Value <= c.AsOf;
            if (stateExpired || dateExpired)
            {
                var when = expiry.HasValue
                    ? (expiry.Value <= c.AsOf ? $"expired on {InvariantText.Utc(expiry.Value)} ({Text.Ago(expiry.Value, c.AsOf)})" : $"is in state expired (its expiry date reads {InvariantText.Utc(expiry.Value)})")
                    : "is in state expired";
                return c.Finding(HealthFindingCodes.CompanyPortalVppTokenExpired, FindingSeverity.Critical,
                    $"The VPP token {about}, which {profiles} of this token use{(n.Profiles.Count == 1 ? "s" : string.Empty)} to install Company Portal, {when}. Microsoft's ADE page says devices are blocked from enrolling when that VPP token expires.",
                    RenewSteps(v, expired: true), HelpLinks.RenewVppToken, n.Id);
            }

            if (string.Equals(state, "invalid", StringComparison.OrdinalIgnoreCase))
            {
                return c.Finding(HealthFindingCodes.CompanyPortalVppTokenInvalid, FindingSeverity.Critical,
                    $"The VPP token {about}, which {profiles} of this token use{(n.Profiles.Count == 1 ? "s" : string.Empty)} to install Company Portal, is invalid. Intune marks a VPP token invalid when the Managed Apple ID behind it changed (domain change, password changed or expired, account disabled) or the token expired. Devices are blocked from enrolling until Company Portal can install.",
                    RenewSteps(v, expired: false, invalid: true), HelpLinks.RenewVppToken, n.Id);
            }

            if (string.Equals(state, "assignedToExternalMDM", StringComparison.OrdinalIgnoreCase))
            {
                return c.Finding(HealthFindingCodes.CompanyPortalVppTokenInvalid, FindingSeverity.Critical,
                    $"The VPP token {about}, which {profiles} of this token use{(n.Profiles.Count == 1 ? "s" : string.Empty)} to install Company Portal, is assigned to another MDM. A location token works with one MDM at a time, so Intune can't assign Company Portal licences through it and devices are blocked from enrolling.",
                    new[]
                    {
                        "Remove the VPP token from the other MDM solution first (Microsoft: \"you must remove the VPP token from the non-Microsoft MDM before using the VPP token in Intune\").",
                        "Then, in the Intune admin center, go to Tenant administration > Connectors and tokens > Apple VPP tokens, select the token, edit it, set Take control of token from another MDM to Yes, and save. Importing a token into another MDM can lose licence assignments, so check Company Portal's licences afterwards.",
                        "Sync the VPP token, and check that its state becomes valid.",
                    },
                    HelpLinks.VppTokenStates, n.Id);
            }

            if (!expiry.HasValue) return null;
            var days = TokenStatusBuilder.DaysUntil(expiry.Value, c.AsOf);
            if (days > c.Options.WarningDays) return null;
            var severity = days <= c.Options.CriticalDays ? FindingSeverity.Critical : FindingSeverity.Warning;
            var inDays = days == 0 ? "in less than a day" : $"in {Text.Days(days)}";
            return c.Finding(HealthFindingCodes.CompanyPortalVppTokenExpiringSoon, severity,
                $"The VPP token {about}, which {profiles} of this token use{(n.Profiles.Count == 1 ? "s" : string.Empty)} to install Company Portal, expires {inDays}, at {InvariantText.Utc(expiry.Value)} (Warning at {Text.Days(c.Options.WarningDays)} or fewer, Critical at {Text.Days(c.Options.CriticalDays)} or fewer). When it expires, devices are blocked from enrolling.",
                RenewSteps(v, expired: false), HelpLinks.RenewVppToken, n.Id);
        }

        // v1.0 has no displayName, so the organization name (what the admin center lists) usually names the token.
        internal static string Name(VppTokenInfo? v, string id)
            => v is null ? id : !string.IsNullOrWhiteSpace(v.DisplayName) ? v.DisplayName! : !string.IsNullOrWhiteSpace(v.OrganizationName) ? v.OrganizationName! : id;

        private static string Describe(VppTokenInfo v, string id)
        {
            var name = Name(v, id);
            var extra = new List<string>();
            if (!string.IsNullOrWhiteSpace(v.DisplayName) && !string.IsNullOrWhiteSpace(v.OrganizationName)) extra.Add(v.OrganizationName!);
            if (!string.Equals(name, id, StringComparison.OrdinalIgnoreCase)) extra.Add("id " + id);
            return $"'{name}'" + (extra.Count > 0 ? $" ({string.Join(", ", extra)})" : string.Empty);
        }

        private static string ProfileList(IReadOnlyList<string> names)
        {
            var shown = names.Take(3).Select(n => $"'{n}'").ToList();
            var more = names.Count > 3 ? $" and {names.Count - 3} more" : string.Empty;
            return (names.Count == 1 ? "the profile " : "the profiles ") + string.Join(", ", shown) + more;
        }

        // Microsoft Learn, "Renewing VPP tokens or Apple Business Manager location token" (memdocs apps/vpp-apps-ios.md).
        private static string[] RenewSteps(VppTokenInfo v, bool expired, bool invalid = false)
        {
            var appleId = string.IsNullOrWhiteSpace(v.AppleId) ? "the Managed Apple ID that owns the token (Intune reports none)" : v.AppleId!;
            var steps = new List<string>
            {
                $"In Apple Business Manager (business.apple.com) or Apple School Manager, sign in as {appleId} or another user who manages this location, select Preferences > Payments and Billing > Apps and Books > Content Tokens, and download the token for this location again.",
                "In the Intune admin center, go to Tenant administration > Connectors and tokens > Apple VPP tokens, select this VPP token, select Edit on Basics, upload the new token file, and save. Renew the existing token rather than creating a new one, so Company Portal's app assignments stay.",
                "The expiry date in Intune may take a while to show the new date: refresh until it updates, then select Sync.",
                "Check that Company Portal still has free device licences on this token (Apps > All apps > Company Portal > App licenses).",
            };
            if (invalid)
                steps.Insert(0, "If the Managed Apple ID's password changed or expired, or the account was disabled or moved to another domain, fix the account in Apple Business Manager or Apple School Manager first.");
            if (expired)
                steps.Add("Devices that were blocked meanwhile (enrollment state blocked) retry Company Portal once the token is valid again; wipe the ones that stay blocked.");
            return steps.ToArray();
        }
    }
}
