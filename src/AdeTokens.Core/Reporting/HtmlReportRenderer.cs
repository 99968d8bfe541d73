using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace AdeTokens.Reporting
{
    /// <summary>
    /// One self-contained HTML page. Every value passes through HTML encoding, the page has no script and loads
    /// nothing, and its Content-Security-Policy says so, so a hostile token name cannot run in a mail client or browser.
    /// Top to bottom: a summary band, an expiry timeline (inline SVG), the ADE tokens, the Apple tokens (APNs
    /// certificate, VPP tokens), then the findings per token with their steps folded in &lt;details&gt;.
    /// </summary>
    public static class HtmlReportRenderer
    {
        /// <summary>Days the timeline covers.</summary>
        public const int TimelineDays = 365;

        // Layout is tables and plain blocks, not flex or grid: Outlook's Word engine ignores both. The SVG carries
        // its colours as attributes, so it looks the same where a mail client drops the style element.
        private const string Css =
            "body{font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#1b1b1b;margin:24px;max-width:1200px;line-height:1.4}" +
            "h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e1e1e1;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}" +
            ".summary{color:#444;margin:8px 0 0;font-size:13px}" +
            "table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d0d0;padding:6px 8px;text-align:left;vertical-align:top}" +
            "th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}" +
            "table.band td{border:0;padding:10px 14px;background:#f6f6f6;vertical-align:middle}table.band td.count{text-align:center;width:90px}" +
            "table.band .n{display:block;font-size:28px;font-weight:700;line-height:1.1}table.band .l{display:block;font-size:12px;color:#555;text-transform:uppercase;letter-spacing:.04em}" +
            "table.band td.count.Critical{background:#fde7e9}table.band td.count.Warning{background:#fff4ce}table.band td.count.Healthy{background:#dff6dd}" +
            ".status{font-weight:600;white-space:nowrap}.Critical{color:#a4262c}.Warning{color:#8a5a00}.Healthy{color:#107c10}.Info{color:#444}" +
            ".expired-note{margin:8px 0 0;color:#a4262c;font-weight:600}" +
            ".legend{font-size:12px;color:#555;margin:4px 0 0}.muted{color:#666;font-size:13px}" +
            ".finding{border-left:4px solid #d0d0d0;padding:4px 12px;margin:8px 0}.finding.Critical{border-color:#a4262c}" +
            ".finding.Warning{border-color:#c19c00}.finding p{margin:4px 0}.evidence{color:#555;font-size:13px}" +
            "details{margin:4px 0}summary{cursor:pointer;color:#0f5ea8}" +
            "code{font-family:Consolas,Menlo,monospace;font-size:12px;color:#555}" +
            "svg{max-width:100%;height:auto}" +
            "@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr,.finding,svg{break-inside:avoid}" +
            "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}summary{color:#1b1b1b}" +
            // Chromium 131+ prints the folded steps too; elsewhere they stay folded, and the table says what is wrong.
            "details::details-content{content-visibility:visible;display:block}}" +
            "@page{margin:14mm}";

        private const string CriticalFill = "#a4262c";
        private const string WarningFill = "#c19c00";
        private const string HealthyFill = "#107c10";

        /// <summary>The report as an HTML document.</summary>
        public static string Render(HealthReport report) => Render(report, null);

        /// <summary>The report as an HTML document, with a notice paragraph (an alert's "changed since last alert" lines) under the title.</summary>
        public static string Render(HealthReport report, IReadOnlyList<string>? notice, bool compact = false)
        {
            if (report is null) throw new ArgumentNullException(nameof(report));
            var sb = new StringBuilder(8192);
            sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
            sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            sb.Append("<meta name=\"generator\" content=\"AdeTokens ").Append(E(ModuleInfo.Version)).Append("\">\n");
            sb.Append("<title>").Append(E(report.Title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
            sb.Append("<h1>").Append(E(report.Title)).Append("</h1>\n");
            if (notice != null && notice.Count > 0)
            {
                sb.Append("<div class=\"notice\" id=\"changes\" style=\"border:1px solid #0f5ea8;background:#eef5fc;padding:8px 12px;margin:0 0 12px\"><strong>Changed since the last alert</strong><ul style=\"margin:4px 0 0;padding-left:20px\">");
                foreach (var line in notice) sb.Append("<li>").Append(E(line)).Append("</li>");
                sb.Append("</ul></div>\n");
            }
            AppendBand(sb, report);
            if (report.Results.Count == 0 && report.AppleTokens.Count == 0)
            {
                sb.Append("<p>No ADE tokens were given to this report.</p>\n</body>\n</html>\n");
                return sb.ToString();
            }
            if (!compact) AppendTimeline(sb, report);
            AppendTokenTable(sb, report);
            AppendAppleTokens(sb, report);
            if (compact)
                sb.Append("<p class=\"muted\" id=\"compact-note\">The timeline and the steps to fix each finding were left out to keep this mail within Graph's size limit. Run Test-AdeTokenHealth | Export-AdeTokenReport -Path report.html for the full report.</p>\n");
            else
                AppendFindings(sb, report);
            sb.Append("</body>\n</html>\n");
            return sb.ToString();
        }

        private static void AppendBand(StringBuilder sb, HealthReport report)
        {
            sb.Append("<table class=\"band\" role=\"presentation\" id=\"summary\"><tr>");
            foreach (var (status, n) in new[] { (HealthStatus.Critical, report.Critical), (HealthStatus.Warning, report.Warning), (HealthStatus.Healthy, report.Healthy) })
            {
                sb.Append("<td class=\"count ").Append(status).Append("\"><span class=\"n ").Append(status).Append("\" data-status=\"").Append(status).Append("\">")
                  .Append(n.ToString(CultureInfo.InvariantCulture)).Append("</span><span class=\"l\">").Append(status.ToString().ToLowerInvariant()).Append("</span></td>");
            }
            var next = report.NextExpiry;
            sb.Append("<td class=\"next\" id=\"next-expiry\"><span class=\"l\">Next to expire</span>");
            if (next is null) sb.Append("<strong>nothing with a future expiry date</strong>");
            else
                sb.Append("<strong class=\"").Append(next.Status).Append("\">").Append(E(next.Name)).Append("</strong> <span class=\"muted\">(").Append(E(next.KindLabel)).Append(")</span><br>")
                  .Append("<span class=\"days\">").Append(E(next.DaysText)).Append("</span>, on ").Append(InvariantText.Day(next.ExpirationDateTime!.Value));
            sb.Append("</td><td class=\"meta\"><span class=\"l\">").Append(report.TenantIds.Count > 1 ? "Tenants" : "Tenant").Append("</span>")
              .Append(report.TenantIds.Count == 0 ? "not given" : E(string.Join(", ", report.TenantIds)))
              .Append("<br><span class=\"muted\">Generated ").Append(InvariantText.UtcCell(report.GeneratedAt)).Append(" (UTC)</span></td></tr></table>\n");
            sb.Append("<p class=\"summary\">").Append(E(report.SummaryLine)).Append("</p>\n");
            var expired = report.Expired;
            if (expired.Count > 0)
                sb.Append("<p class=\"expired-note\">Already expired: ")
                  .Append(E(string.Join("; ", expired.Select(i => $"{i.Name} ({i.KindLabel}, {i.DaysText})")))).Append(".</p>\n");
        }

        private static void AppendTimeline(StringBuilder sb, HealthReport report)
        {
            var dated = report.Items.Where(i => i.DaysUntilExpiry.HasValue)
                .OrderBy(i => i.DaysUntilExpiry!.Value).ThenByDescending(i => i.Status).ThenBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var undated = report.Items.Where(i => !i.DaysUntilExpiry.HasValue).ToList();
            sb.Append("<h2>Expiry timeline: the next ").Append(TimelineDays).Append(" days</h2>\n");
            if (dated.Count > 0)
            {
                const int width = 960, gutter = 240, expiredZone = 60, right = 24, top = 46, row = 22;
                const int x0 = gutter + expiredZone + 10, x1 = width - right;
                var height = top + dated.Count * row + 10;
                double X(int days) => x0 + (x1 - x0) * Math.Min(days, TimelineDays) / (double)TimelineDays;
                var o = new Health.HealthOptions();

                sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" role=\"img\" width=\"").Append(width).Append("\" height=\"").Append(height)
                  .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\" font-family=\"Segoe UI,Helvetica,Arial,sans-serif\" font-size=\"12\">\n");
                sb.Append("<title>When each ADE token, the APNs certificate and each VPP token expires, over the next ").Append(TimelineDays).Append(" days</title>\n");
                // The default warning and critical windows as bands, then the expired zone at the left edge.
                sb.Append("<rect x=\"").Append(F(x0)).Append("\" y=\"").Append(top - 6).Append("\" width=\"").Append(F(X(o.WarningDays) - x0)).Append("\" height=\"").Append(height - top).Append("\" fill=\"#fff4ce\"/>\n");
                sb.Append("<rect x=\"").Append(F(x0)).Append("\" y=\"").Append(top - 6).Append("\" width=\"").Append(F(X(o.CriticalDays) - x0)).Append("\" height=\"").Append(height - top).Append("\" fill=\"#fde7e9\"/>\n");
                sb.Append("<rect x=\"").Append(gutter).Append("\" y=\"").Append(top - 6).Append("\" width=\"").Append(expiredZone).Append("\" height=\"").Append(height - top).Append("\" fill=\"#ececec\"/>\n");
                sb.Append("<text x=\"").Append(gutter + expiredZone / 2).Append("\" y=\"14\" text-anchor=\"middle\" fill=\"#a4262c\" font-weight=\"600\">Expired</text>\n");
                var start = report.AsOf.UtcDateTime.Date;
                for (var m = new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1); (m - report.AsOf.UtcDateTime).TotalDays < TimelineDays; m = m.AddMonths(1))
                {
                    var x = X((int)Math.Floor((m - report.AsOf.UtcDateTime).TotalDays));
                    sb.Append("<line x1=\"").Append(F(x)).Append("\" y1=\"").Append(top - 10).Append("\" x2=\"").Append(F(x)).Append("\" y2=\"").Append(height - 4).Append("\" stroke=\"#e1e1e1\"/>");
                    sb.Append("<text x=\"").Append(F(x + 3)).Append("\" y=\"").Append(top - 12).Append("\" fill=\"#666\" font-size=\"11\">")
                      .Append(m.ToString(m.Month == 1 ? "MMM yyyy" : "MMM", CultureInfo.InvariantCulture)).Append("</text>\n");
                }
                sb.Append("<line id=\"today\" x1=\"").Append(x0).Append("\" y1=\"").Append(4).Append("\" x2=\"").Append(x0).Append("\" y2=\"").Append(height - 4)
                  .Append("\" stroke=\"#0f5ea8\" stroke-width=\"2\"/><text x=\"").Append(x0 + 4).Append("\" y=\"14\" fill=\"#0f5ea8\" font-weight=\"600\" font-size=\"11\">Today ")
                  .Append(InvariantText.Day(report.AsOf)).Append("</text>\n");

                for (var i = 0; i < dated.Count; i++)
                {
                    var item = dated[i];
                    var days = item.DaysUntilExpiry!.Value;
                    var y = top + i * row + row / 2;
                    var x = days < 0 ? gutter + expiredZone / 2.0 : X(days);
                    var fill = item.Status == HealthStatus.Critical ? CriticalFill : item.Status == HealthStatus.Warning ? WarningFill : HealthyFill;
                    var label = item.Kind == ReportItemKind.AdeToken ? item.Name : (item.Kind == ReportItemKind.ApnsCertificate ? "APNs: " : "VPP: ") + item.Name;
                    sb.Append("<line x1=\"").Append(x0).Append("\" y1=\"").Append(y).Append("\" x2=\"").Append(x1).Append("\" y2=\"").Append(y).Append("\" stroke=\"#f0f0f0\"/>");
                    sb.Append("<text x=\"").Append(gutter - 8).Append("\" y=\"").Append(y + 4).Append("\" text-anchor=\"end\" fill=\"#1b1b1b\">").Append(E(Shorten(label, 34))).Append("</text>");
                    sb.Append("<g class=\"mark\" data-kind=\"").Append(item.Kind).Append("\" data-status=\"").Append(item.Status).Append("\" data-id=\"").Append(E(item.Id)).Append("\">");
                    sb.Append("<title>").Append(E($"{item.Name} ({item.KindLabel}): {item.Status}, expires {InvariantText.Day(item.ExpirationDateTime!.Value)}, {item.DaysText}")).Append("</title>");
                    var cx = F(x);
                    if (item.Kind == ReportItemKind.AdeToken)
                        sb.Append("<circle cx=\"").Append(cx).Append("\" cy=\"").Append(y).Append("\" r=\"6\" fill=\"").Append(fill).Append("\" stroke=\"#fff\" stroke-width=\"1.5\"/>");
                    else if (item.Kind == ReportItemKind.ApnsCertificate)
                        sb.Append("<rect x=\"").Append(F(x - 6)).Append("\" y=\"").Append(y - 6).Append("\" width=\"12\" height=\"12\" fill=\"").Append(fill).Append("\" stroke=\"#fff\" stroke-width=\"1.5\"/>");
                    else
                        sb.Append("<polygon points=\"").Append(F(x)).Append(',').Append(y - 7).Append(' ').Append(F(x + 7)).Append(',').Append(y).Append(' ')
                          .Append(F(x)).Append(',').Append(y + 7).Append(' ').Append(F(x - 7)).Append(',').Append(y).Append("\" fill=\"").Append(fill).Append("\" stroke=\"#fff\" stroke-width=\"1.5\"/>");
                    var dayText = days < 0 ? days.ToString(CultureInfo.InvariantCulture) + " d" : days > TimelineDays ? days.ToString(CultureInfo.InvariantCulture) + " d ›" : days.ToString(CultureInfo.InvariantCulture) + " d";
                    var leftSide = x > x1 - 70;
                    sb.Append("<text x=\"").Append(F(leftSide ? x - 11 : x + 11)).Append("\" y=\"").Append(y + 4).Append("\"").Append(leftSide ? " text-anchor=\"end\"" : string.Empty)
                      .Append(" fill=\"").Append(fill).Append("\" font-size=\"11\">").Append(dayText).Append("</text>");
                    sb.Append("</g>\n");
                }
                sb.Append("</svg>\n");
                sb.Append("<p class=\"legend\">● ADE token &nbsp; ■ APNs certificate &nbsp; ◆ VPP token &nbsp;·&nbsp; <span class=\"Critical\">critical</span>, <span class=\"Warning\">warning</span>, <span class=\"Healthy\">healthy</span> &nbsp;·&nbsp; shaded: within ")
                  .Append(o.CriticalDays).Append(" and ").Append(o.WarningDays).Append(" days (the default thresholds); beyond ").Append(TimelineDays).Append(" days a mark sits at the right edge.</p>\n");
            }
            if (undated.Count > 0)
                sb.Append("<p class=\"muted\">No expiry date known, so not on the timeline: ").Append(E(string.Join(", ", undated.Select(i => $"{i.Name} ({i.KindLabel})")))).Append(".</p>\n");
        }

        private static void AppendTokenTable(StringBuilder sb, HealthReport report)
        {
            if (report.Results.Count == 0) return;
            var multiTenant = report.TenantIds.Count > 1;
            sb.Append("<h2>ADE tokens, most urgent first</h2>\n");
            sb.Append("<table id=\"tokens\">\n<thead><tr><th>Status</th><th>Token</th>");
            if (multiTenant) sb.Append("<th>Tenant</th>");
            sb.Append("<th>Days left</th><th>Expires (UTC)</th><th>Last successful sync (UTC)</th><th>Findings</th></tr></thead>\n<tbody>\n");
            foreach (var r in report.Results)
            {
                sb.Append("<tr><td class=\"status ").Append(r.Status).Append("\">").Append(r.Status).Append("</td>");
                sb.Append("<td>").Append(E(HealthReport.Label(r))).Append("<br><code>").Append(E(r.TokenId)).Append("</code></td>");
                if (multiTenant) sb.Append("<td>").Append(E(r.TenantId)).Append("</td>");
                sb.Append("<td class=\"num\">").Append(r.DaysUntilExpiry?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append("</td>");
                sb.Append("<td>").Append(r.ExpirationDateTime.HasValue ? InvariantText.UtcCell(r.ExpirationDateTime.Value) : "unknown").Append("</td>");
                sb.Append("<td>").Append(r.LastSuccessfulSyncDateTime.HasValue ? InvariantText.UtcCell(r.LastSuccessfulSyncDateTime.Value) : "never").Append("</td>");
                // Tenant-wide codes repeat on every row; set apart, so each row leads with the token's own.
                var own = string.Join(", ", HealthReport.FindingsOf(r).Where(f => !HealthReport.IsTenantFinding(r, f)).Select(f => f.Code).Distinct());
                var tenantCodes = string.Join(", ", HealthReport.FindingsOf(r).Where(f => HealthReport.IsTenantFinding(r, f)).Select(f => f.Code).Distinct());
                sb.Append("<td>").Append(E(own));
                if (tenantCodes.Length > 0) sb.Append(own.Length > 0 ? "<br>" : string.Empty).Append("<span class=\"muted\">tenant-wide: ").Append(E(tenantCodes)).Append("</span>");
                sb.Append("</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }

        private static void AppendAppleTokens(StringBuilder sb, HealthReport report)
        {
            sb.Append("<h2>Apple tokens: APNs certificate and VPP tokens</h2>\n");
            var items = report.AppleTokens;
            if (items.Count == 0)
            {
                sb.Append("<p class=\"muted\">These results carry no APNs certificate or VPP token facts (they were not read for this check).</p>\n");
                return;
            }
            var multiTenant = report.TenantIds.Count > 1;
            sb.Append("<table id=\"apple-tokens\">\n<thead><tr><th>Status</th><th>Kind</th><th>Name</th>");
            if (multiTenant) sb.Append("<th>Tenant</th>");
            sb.Append("<th>State</th><th>Days left</th><th>Expires (UTC)</th><th>Apple ID</th><th>Details</th></tr></thead>\n<tbody>\n");
            foreach (var i in items.OrderBy(i => i.Kind).ThenByDescending(i => i.Status).ThenBy(i => i.DaysUntilExpiry ?? int.MaxValue))
            {
                sb.Append("<tr><td class=\"status ").Append(i.Status).Append("\">").Append(i.Status).Append("</td><td>").Append(E(i.KindLabel)).Append("</td><td>")
                  .Append(E(i.Name)).Append("</td>");
                if (multiTenant) sb.Append("<td>").Append(E(i.TenantId)).Append("</td>");
                sb.Append("<td>").Append(E(i.State ?? "unknown")).Append("</td><td class=\"num\">").Append(i.DaysUntilExpiry?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
                  .Append("</td><td>").Append(i.ExpirationDateTime.HasValue ? InvariantText.UtcCell(i.ExpirationDateTime.Value) : "unknown").Append("</td><td>")
                  .Append(E(i.AppleId)).Append("</td><td>").Append(E(i.Detail)).Append("</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }

        private static void AppendFindings(StringBuilder sb, HealthReport report)
        {
            var tenant = report.TenantFindings();
            var withFindings = report.Results.Where(r => HealthReport.FindingsOf(r).Any(f => !HealthReport.IsTenantFinding(r, f))).ToList();
            if (tenant.Count == 0 && withFindings.Count == 0) return;
            sb.Append("<h2>Findings and how to fix them</h2>\n");
            if (tenant.Count > 0)
            {
                sb.Append("<section class=\"group tenant\">\n<h3>Tenant-wide (affects every ADE token)</h3>\n");
                foreach (var (_, f) in tenant) AppendFinding(sb, f);
                sb.Append("</section>\n");
            }
            foreach (var r in withFindings)
            {
                sb.Append("<section class=\"group token\">\n<h3><span class=\"status ").Append(r.Status).Append("\">").Append(r.Status).Append("</span> ")
                    .Append(E(HealthReport.Label(r))).Append(" <code>").Append(E(r.TokenId)).Append("</code></h3>\n");
                foreach (var f in HealthReport.FindingsOf(r).Where(f => !HealthReport.IsTenantFinding(r, f))) AppendFinding(sb, f);
                sb.Append("</section>\n");
            }
        }

        private static void AppendFinding(StringBuilder sb, HealthFinding f)
        {
            sb.Append("<div class=\"finding ").Append(f.Severity).Append("\">\n<p><strong class=\"").Append(f.Severity).Append("\">")
                .Append(f.Severity).Append(' ').Append(E(f.Code)).Append("</strong>: ").Append(E(f.Message)).Append("</p>\n");
            var steps = f.Remediation ?? Array.Empty<string>();
            var hasLink = !string.IsNullOrWhiteSpace(f.HelpUri);
            if (steps.Length > 0 || !string.IsNullOrWhiteSpace(f.Evidence) || hasLink)
            {
                sb.Append("<details><summary>How to fix it").Append(steps.Length > 0 ? $" ({ReportItem.Plural(steps.Length, "step")})" : string.Empty).Append("</summary>\n");
                if (steps.Length > 0)
                {
                    sb.Append("<ol>");
                    foreach (var s in steps) sb.Append("<li>").Append(E(s)).Append("</li>");
                    sb.Append("</ol>\n");
                }
                if (!string.IsNullOrWhiteSpace(f.Evidence)) sb.Append("<p class=\"evidence\">Evidence: ").Append(E(f.Evidence)).Append("</p>\n");
                if (HealthReport.IsWebLink(f.HelpUri))
                    sb.Append("<p><a href=\"").Append(E(f.HelpUri)).Append("\">Microsoft Learn: how to fix this</a></p>\n");
                else if (hasLink)
                    sb.Append("<p>More: ").Append(E(f.HelpUri)).Append("</p>\n");
                sb.Append("</details>\n");
            }
            sb.Append("</div>\n");
        }

        private static string Shorten(string s, int max) => s.Length <= max ? s : s.Substring(0, max - 1) + "…";

        private static string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

        /// <summary>HTML-encodes text and attribute values (quotes included).</summary>
        internal static string E(string? s) => s is null ? string.Empty : WebUtility.HtmlEncode(s);
    }
}
