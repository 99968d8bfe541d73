using System;
using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Reporting
{
    /// <summary>
    /// The results a report or alert is made of, ordered most urgent first, with the counts for its summary line.
    /// </summary>
    public sealed class HealthReport
    {
        /// <summary>The title used when none is given.</summary>
        public const string DefaultTitle = "ADE token health report";

        /// <summary>Creates a report over <paramref name="results"/> (nulls are skipped).</summary>
        public HealthReport(IEnumerable<HealthResult> results, DateTimeOffset generatedAt, string? title = null)
        {
            if (results is null) throw new ArgumentNullException(nameof(results));
            Results = Order(results.Where(r => r != null)).ToList();
            GeneratedAt = generatedAt.ToUniversalTime();
            Title = string.IsNullOrWhiteSpace(title) ? DefaultTitle : title!.Trim();
            Healthy = Results.Count(r => r.Status == HealthStatus.Healthy);
            Warning = Results.Count(r => r.Status == HealthStatus.Warning);
            Critical = Results.Count(r => r.Status == HealthStatus.Critical);
            TenantIds = Results.Select(r => r.TenantId).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            // Days are counted from when the rules ran (so -AsOf reports agree with their findings), not from now.
            AsOf = Results.Count > 0 && Results.Any(r => r.EvaluatedAt != default) ? Results.Where(r => r.EvaluatedAt != default).Max(r => r.EvaluatedAt).ToUniversalTime() : GeneratedAt;
            AppleTokens = ReportItems.Apple(Results, AsOf);
            Items = Results.Select(ReportItems.FromResult).Concat(AppleTokens).ToList();
        }

        /// <summary>The instant days are counted from: the latest EvaluatedAt of the results, else GeneratedAt.</summary>
        public DateTimeOffset AsOf { get; }

        /// <summary>The APNs certificate and VPP tokens of each tenant, once each, from the results' Tenant facts.</summary>
        public IReadOnlyList<ReportItem> AppleTokens { get; }

        /// <summary>Everything that expires: the ADE tokens (most urgent first), then the Apple tokens.</summary>
        public IReadOnlyList<ReportItem> Items { get; }

        /// <summary>The item that expires next and has not expired yet; null when none has a future expiry date.</summary>
        public ReportItem? NextExpiry => Items.Where(i => i.DaysUntilExpiry >= 0 && i.ExpirationDateTime.HasValue)
            .OrderBy(i => i.ExpirationDateTime!.Value).FirstOrDefault();

        /// <summary>Items whose expiry date has passed, most recently expired first.</summary>
        public IReadOnlyList<ReportItem> Expired => Items.Where(i => i.DaysUntilExpiry < 0).OrderByDescending(i => i.ExpirationDateTime).ToList();

        /// <summary>"Next to expire: X (ADE token), in 12 days, on 2026-12-13." or an empty string.</summary>
        public string NextExpiryLine
        {
            get
            {
                var n = NextExpiry;
                return n is null ? string.Empty : $"Next to expire: {n.Name} ({n.KindLabel}), {n.DaysText}, on {InvariantText.Day(n.ExpirationDateTime!.Value)}.";
            }
        }

        /// <summary>The results, most urgent first (status, then fewest days left, then name).</summary>
        public IReadOnlyList<HealthResult> Results { get; }
        /// <summary>When the report was made (UTC).</summary>
        public DateTimeOffset GeneratedAt { get; }
        /// <summary>The report's title.</summary>
        public string Title { get; }
        /// <summary>Results with Status Healthy.</summary>
        public int Healthy { get; }
        /// <summary>Results with Status Warning.</summary>
        public int Warning { get; }
        /// <summary>Results with Status Critical.</summary>
        public int Critical { get; }
        /// <summary>The distinct tenant ids of the results, in order of first appearance.</summary>
        public IReadOnlyList<string> TenantIds { get; }

        /// <summary>The worst status in the report; Healthy when it is empty.</summary>
        public HealthStatus HighestStatus => Critical > 0 ? HealthStatus.Critical : Warning > 0 ? HealthStatus.Warning : HealthStatus.Healthy;

        /// <summary>"3 tokens: 1 healthy, 1 warning, 1 critical."</summary>
        public string CountLine => $"{Results.Count} {(Results.Count == 1 ? "token" : "tokens")}: {Healthy} healthy, {Warning} warning, {Critical} critical.";

        /// <summary>"Tenant: x." / "Tenants: x, y." / empty when no result carries a tenant id.</summary>
        public string TenantLine => TenantIds.Count == 0 ? string.Empty : $"{(TenantIds.Count == 1 ? "Tenant" : "Tenants")}: {string.Join(", ", TenantIds)}.";

        /// <summary>"Generated 2025-06-01 12:00:00Z (UTC)."</summary>
        public string GeneratedLine => $"Generated {InvariantText.UtcCell(GeneratedAt)} (UTC).";

        /// <summary>The whole summary line: counts, tenants, time.</summary>
        public string SummaryLine => string.Join(" ", new[] { CountLine, TenantLine, GeneratedLine }.Where(s => s.Length > 0));

        /// <summary>Most urgent first, the same order Test-AdeTokenHealth writes.</summary>
        public static IEnumerable<HealthResult> Order(IEnumerable<HealthResult> results)
            => results
                .OrderByDescending(r => r.Status)
                .ThenBy(r => r.DaysUntilExpiry ?? int.MaxValue)
                .ThenBy(r => r.TokenName ?? r.TokenId, StringComparer.OrdinalIgnoreCase);

        /// <summary>Renders the report in <paramref name="format"/>.</summary>
        public string Render(ReportFormat format) => format switch
        {
            ReportFormat.Html => HtmlReportRenderer.Render(this),
            ReportFormat.Markdown => MarkdownReportRenderer.Render(this),
            ReportFormat.Json => JsonReportRenderer.Render(this),
            ReportFormat.Csv => CsvReportRenderer.Render(this),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };

        /// <summary>The usual file extension for <paramref name="format"/>, with the dot.</summary>
        public static string Extension(ReportFormat format) => format switch
        {
            ReportFormat.Html => ".html",
            ReportFormat.Markdown => ".md",
            ReportFormat.Json => ".json",
            _ => ".csv",
        };

        /// <summary>
        /// True for a finding about the tenant rather than the token (the APNs certificate, a VPP token): those repeat
        /// on every token's result, so reports show them once, with the Apple tokens.
        /// </summary>
        public static bool IsTenantFinding(HealthResult r, HealthFinding f)
        {
            if (f?.Target is null) return false;
            if (string.Equals(f.Target, Health.ApnsRules.Target, StringComparison.OrdinalIgnoreCase)) return true;
            var vpp = r?.Tenant?.VppTokens;
            return vpp != null && vpp.Any(v => v != null && string.Equals(v.Id, f.Target, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Each tenant-wide finding once (per tenant, code and target), worst first.</summary>
        public IReadOnlyList<(HealthResult Result, HealthFinding Finding)> TenantFindings()
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var list = new List<(HealthResult, HealthFinding)>();
            foreach (var r in Results)
                foreach (var f in FindingsOf(r))
                    if (IsTenantFinding(r, f) && seen.Add((r.TenantId ?? string.Empty) + "\n" + f.Code + "\n" + f.Target)) list.Add((r, f));
            return list.OrderByDescending(x => x.Item2.Severity).ToList();
        }

        /// <summary>The format a file name's extension stands for (.html .htm .md .markdown .json .csv, any case); null for any other.</summary>
        public static ReportFormat? FormatFromExtension(string? path)
        {
            var ext = System.IO.Path.GetExtension(path ?? string.Empty).ToLowerInvariant();
            return ext switch
            {
                ".html" => ReportFormat.Html,
                ".htm" => ReportFormat.Html,
                ".md" => ReportFormat.Markdown,
                ".markdown" => ReportFormat.Markdown,
                ".json" => ReportFormat.Json,
                ".csv" => ReportFormat.Csv,
                _ => (ReportFormat?)null,
            };
        }

        internal static string Label(HealthResult r) => string.IsNullOrWhiteSpace(r.TokenName) ? r.TokenId : r.TokenName!;

        internal static IEnumerable<HealthFinding> FindingsOf(HealthResult r) => r.Findings ?? Array.Empty<HealthFinding>();

        /// <summary>Only absolute http(s) links become hyperlinks; anything else is shown as text.</summary>
        internal static bool IsWebLink(string? uri)
            => uri != null && Uri.TryCreate(uri, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
    }
}
