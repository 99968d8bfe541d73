using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdeTokens.Reporting;

namespace AdeTokens.Alerts
{
    /// <summary>
    /// The message a Teams Workflows webhook ("When a Teams webhook request is received") posts to a channel: a
    /// message envelope with one Adaptive Card 1.4 attachment. Workflows accept Adaptive Cards only, not the old
    /// connector MessageCard.
    /// </summary>
    public static class TeamsCard
    {
        /// <summary>Tokens listed on the card at most; the rest are counted (fewer when the card would exceed MaxMessageBytes).</summary>
        public const int MaxTokens = 15;
        /// <summary>
        /// The largest message posted, in bytes. Microsoft Learn ("Create Incoming Webhooks") puts the size limit of a
        /// Teams webhook message at 28 KB and answers a larger one with an error; users report refusals somewhat below
        /// that, so the card keeps a margin.
        /// </summary>
        public const int MaxMessageBytes = 24 * 1024;
        /// <summary>"Changed since the last alert" lines listed; the rest are counted.</summary>
        public const int MaxChangeLines = 10;
        /// <summary>Findings listed per token.</summary>
        public const int MaxFindingsPerToken = 3;
        /// <summary>The Intune admin center, the last button on every card.</summary>
        public const string IntuneAdminCenter = "https://intune.microsoft.com/";

        /// <summary>The webhook request body for <paramref name="selection"/>.</summary>
        public static string Build(AlertSelection selection)
        {
            if (selection is null) throw new ArgumentNullException(nameof(selection));
            // Fewer tokens and findings until the message fits: a card over Teams' limit is refused, not shortened.
            string json = string.Empty;
            foreach (var (tokens, findings) in new[] { (MaxTokens, MaxFindingsPerToken), (MaxTokens, 1), (10, 1), (5, 1), (5, 0), (3, 0) })
            {
                json = Envelope(selection, tokens, findings);
                if (Encoding.UTF8.GetByteCount(json) <= MaxMessageBytes) break;
            }
            return json;
        }

        private static string Envelope(AlertSelection selection, int maxTokens, int maxFindings)
        {
            var envelope = new JsonObject
            {
                ["type"] = "message",
                ["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["contentUrl"] = null,
                    ["content"] = Card(selection, maxTokens, maxFindings),
                }),
            };
            return envelope.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        }

        private static JsonObject Card(AlertSelection selection, int maxTokens, int maxFindings)
        {
            var report = selection.HasAlert ? selection.Selected : selection.All;
            var body = new JsonArray
            {
                Text(selection.Subject.Replace("[AdeTokens] ", string.Empty), size: "Large", weight: "Bolder",
                    color: selection.HasAlert ? Color(selection.Selected.HighestStatus) : "Good"),
                Text(selection.Summary, subtle: true),
            };
            var next = selection.All.NextExpiryLine;
            if (next.Length > 0) body.Add(Text(next, size: "Small"));
            body.Add(Text(selection.All.TenantLine.Length > 0 ? selection.All.TenantLine + " " + selection.All.GeneratedLine : selection.All.GeneratedLine, subtle: true, size: "Small"));

            var changes = selection.ChangeLines();
            if (changes.Count > 0)
            {
                var items = new JsonArray { Text("Changed since the last alert", weight: "Bolder", size: "Small") };
                foreach (var line in changes.Take(MaxChangeLines)) items.Add(Text("• " + line, size: "Small", spacing: "None"));
                if (changes.Count > MaxChangeLines)
                    items.Add(Text($"…and {changes.Count - MaxChangeLines} more change(s).", size: "Small", subtle: true, spacing: "None"));
                body.Add(new JsonObject { ["type"] = "Container", ["id"] = "changes", ["style"] = "emphasis", ["separator"] = true, ["items"] = items });
            }

            if (selection.HasAlert)
            {
                // Tenant-wide findings (APNs, VPP) repeat on every token's result; the card shows them once.
                var tenant = report.TenantFindings().Where(x => x.Finding.Severity != FindingSeverity.Info).ToList();
                if (tenant.Count > 0)
                {
                    var items = new JsonArray { Text("Tenant-wide (affects every ADE token)", weight: "Bolder", color: Color(tenant.Max(x => (HealthStatus)(int)x.Finding.Severity))) };
                    foreach (var (_, f) in tenant.Take(Math.Max(1, maxFindings))) AddFinding(items, f);
                    body.Add(new JsonObject { ["type"] = "Container", ["id"] = "tenant", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items });
                }
                foreach (var r in report.Results.Take(maxTokens)) body.Add(TokenContainer(r, selection.All.TenantIds.Count > 1, maxFindings));
                var more = report.Results.Count - maxTokens;
                if (more > 0)
                    body.Add(Text($"…and {more} more {(more == 1 ? "token" : "tokens")}. Run Test-AdeTokenHealth, or Export-AdeTokenReport, for the full list.", subtle: true));
            }

            var actions = new JsonArray();
            foreach (var (uri, title) in Links(report)) actions.Add(OpenUrl(title, uri));
            actions.Add(OpenUrl("Open the Intune admin center", IntuneAdminCenter));

            return new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["msteams"] = new JsonObject { ["width"] = "Full" },
                ["body"] = body,
                ["actions"] = actions,
            };
        }

        private static JsonObject TokenContainer(HealthResult r, bool multiTenant, int maxFindings)
        {
            var facts = new JsonArray
            {
                Fact("Status", r.Status.ToString()),
                Fact("Days left", r.DaysUntilExpiry?.ToString(CultureInfo.InvariantCulture) ?? "unknown"),
                Fact("Expires (UTC)", r.ExpirationDateTime.HasValue ? InvariantText.UtcCell(r.ExpirationDateTime.Value) : "unknown"),
                Fact("Token id", r.TokenId),
            };
            if (multiTenant && !string.IsNullOrEmpty(r.TenantId)) facts.Add(Fact("Tenant", r.TenantId!));
            var items = new JsonArray
            {
                Text(HealthReport.Label(r), weight: "Bolder", color: Color(r.Status)),
                new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
            };
            var findings = HealthReport.FindingsOf(r).Where(f => f.Severity != FindingSeverity.Info && !HealthReport.IsTenantFinding(r, f)).ToList();
            foreach (var f in findings.Take(maxFindings)) AddFinding(items, f);
            if (findings.Count > maxFindings)
                items.Add(Text(maxFindings == 0 ? "Findings: " + string.Join(", ", findings.Select(f => f.Code).Distinct()) + "."
                    : $"…and {findings.Count - maxFindings} more finding(s).", size: "Small", subtle: true));
            return new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items };
        }

        private static void AddFinding(JsonArray items, HealthFinding f)
        {
            items.Add(Text($"{f.Severity} {f.Code}: {f.Message}", size: "Small"));
            var first = (f.Remediation ?? Array.Empty<string>()).FirstOrDefault();
            if (!string.IsNullOrWhiteSpace(first)) items.Add(Text("First step: " + first, size: "Small", subtle: true));
        }

        /// <summary>The distinct Learn links of the findings, most urgent first, at most four (plus the admin center).</summary>
        internal static IEnumerable<(string Uri, string Title)> Links(HealthReport report)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var f in report.Results.SelectMany(HealthReport.FindingsOf).Where(f => f.Severity != FindingSeverity.Info).OrderByDescending(f => f.Severity))
            {
                if (!HealthReport.IsWebLink(f.HelpUri) || !seen.Add(f.HelpUri!)) continue;
                yield return (f.HelpUri!, $"Learn: fix {f.Code}");
                if (seen.Count == 4) yield break;
            }
        }

        private static string Color(HealthStatus s) => s == HealthStatus.Critical ? "Attention" : s == HealthStatus.Warning ? "Warning" : "Good";

        private static JsonObject Fact(string title, string value) => new JsonObject { ["title"] = title, ["value"] = value };

        private static JsonObject OpenUrl(string title, string url) => new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

        private static JsonObject Text(string text, string? size = null, string? weight = null, string? color = null, bool subtle = false, string? spacing = null)
        {
            var o = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
            if (spacing != null) o["spacing"] = spacing;
            if (size != null) o["size"] = size;
            if (weight != null) o["weight"] = weight;
            if (color != null) o["color"] = color;
            if (subtle) o["isSubtle"] = true;
            return o;
        }
    }
}
