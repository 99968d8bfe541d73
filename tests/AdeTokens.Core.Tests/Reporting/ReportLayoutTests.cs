using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdeTokens.Health;
using AdeTokens.Reporting;
using Json.Schema;
using Xunit;

namespace AdeTokens.Tests.Reporting
{
    public class ReportLayoutTests
    {
        private static HealthResult[] WithApple()
        {
            var results = ReportData.Mixed();
            var facts = TenantFacts.FromApns(true, ReportData.At.AddDays(10), "apns@contoso.com");
            facts.VppChecked = true;
            facts.VppTokens = new[]
            {
                new VppTokenInfo { Id = "vpp-1", DisplayName = "Contoso Apps", OrganizationName = "Contoso", State = "valid", ExpirationDateTime = ReportData.At.AddDays(150), LastSyncStatus = "completed", LastSyncDateTime = ReportData.At.AddHours(-3) },
                new VppTokenInfo { Id = "vpp-2", DisplayName = "Old <b>Books</b>", State = "expired", ExpirationDateTime = ReportData.At.AddDays(-40) },
            };
            var apns = new HealthFinding { Code = HealthFindingCodes.ApnsCertificateExpiringSoon, Severity = FindingSeverity.Warning, Message = "APNs expires in 10 days.", Remediation = new[] { "Renew it." }, Target = "applePushNotificationCertificate" };
            foreach (var r in results)
            {
                r.Tenant = facts;
                r.Findings = r.Findings.Concat(new[] { apns }).ToArray();
            }
            return results;
        }

        private static HealthReport Report(params HealthResult[] results) => new HealthReport(results, ReportData.At);

        [Fact]
        public void Summary_band_has_the_counts_the_next_expiry_the_tenant_and_the_time()
        {
            var html = Report(WithApple()).Render(ReportFormat.Html);
            Assert.Contains("<span class=\"n Critical\" data-status=\"Critical\">1</span>", html);
            Assert.Contains("<span class=\"n Warning\" data-status=\"Warning\">1</span>", html);
            Assert.Contains("<span class=\"n Healthy\" data-status=\"Healthy\">1</span>", html);
            // The APNs certificate (10 days) expires before any ADE token still valid (Warn ABM: 20 days).
            Assert.Matches("id=\"next-expiry\"><span class=\"l\">Next to expire</span><strong class=\"Warning\">Apple MDM push certificate</strong> <span class=\"muted\">\\(APNs certificate\\)</span><br><span class=\"days\">10 days left</span>, on 2025-06-11", html);
            Assert.Contains("<span class=\"l\">Tenant</span>tenant-1<br><span class=\"muted\">Generated 2025-06-01 12:00:00Z (UTC)</span>", html);
            Assert.Contains("Already expired: Expired ASM (ADE token, 3 days ago); Old &lt;b&gt;Books&lt;/b&gt; (VPP token, 40 days ago).", html);
        }

        [Fact]
        public void Timeline_has_one_mark_per_ade_token_apns_and_vpp_token_with_expired_at_the_left_and_today_marked()
        {
            var results = WithApple();
            var undated = ReportData.Result("No date", HealthStatus.Warning, null);
            var html = Report(results.Concat(new[] { undated }).ToArray()).Render(ReportFormat.Html);
            var marks = Regex.Matches(html, "<g class=\"mark\" data-kind=\"(\\w+)\" data-status=\"(\\w+)\" data-id=\"([^\"]*)\">.*?<(circle cx|rect x|polygon points)=\"([0-9.]+)").Cast<Match>().ToList();
            Assert.Equal(3, marks.Count(m => m.Groups[1].Value == "AdeToken"));
            Assert.Single(marks, m => m.Groups[1].Value == "ApnsCertificate");
            Assert.Equal(2, marks.Count(m => m.Groups[1].Value == "VppToken"));
            Assert.DoesNotContain(marks, m => m.Groups[3].Value == "id-No date");
            Assert.Contains("No expiry date known, so not on the timeline: No date (ADE token).", html);
            var today = double.Parse(Regex.Match(html, "<line id=\"today\" x1=\"([0-9.]+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            double X(string id) => double.Parse(marks.Single(m => m.Groups[3].Value == id).Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(X("id-Expired ASM") < today, "an expired token sits left of today");
            Assert.True(X("vpp-2") < today);
            Assert.True(X("id-Warn ABM") > today && X("id-Warn ABM") < X("vpp-1") && X("vpp-1") < X("id-Healthy ABM"));
            Assert.Equal("Critical", marks.Single(m => m.Groups[3].Value == "vpp-2").Groups[2].Value);
            Assert.Contains("Today 2025-06-01", html);
        }

        [Fact]
        public void Apple_tokens_section_lists_the_apns_certificate_and_each_vpp_token_once()
        {
            var html = Report(WithApple()).Render(ReportFormat.Html);
            var table = Regex.Match(html, "<table id=\"apple-tokens\">.*?</table>", RegexOptions.Singleline).Value;
            Assert.Equal(3, Regex.Matches(table, "<tr><td class=\"status").Count);
            Assert.Contains("<td class=\"status Warning\">Warning</td><td>APNs certificate</td><td>Apple MDM push certificate</td><td>present</td><td class=\"num\">10</td><td>2025-06-11 12:00:00Z</td><td>apns@contoso.com</td>", table);
            Assert.Contains("<td>VPP token</td><td>Contoso Apps</td><td>valid</td><td class=\"num\">150</td>", table);
            Assert.Contains("Contoso; last sync completed 2025-06-01 09:00:00Z", table);
            Assert.Contains("<td class=\"status Critical\">Critical</td><td>VPP token</td><td>Old &lt;b&gt;Books&lt;/b&gt;</td><td>expired</td>", table);
        }

        [Fact]
        public void Without_tenant_facts_the_apple_section_says_so()
        {
            var html = Report(ReportData.Mixed()).Render(ReportFormat.Html);
            Assert.Contains("carry no APNs certificate or VPP token facts", html);
            Assert.DoesNotContain("<table id=\"apple-tokens\">", html);
        }

        [Fact]
        public void Findings_are_grouped_per_token_with_tenant_findings_once_and_steps_folded()
        {
            var html = Report(WithApple()).Render(ReportFormat.Html);
            Assert.Single(Regex.Matches(html, "APNs expires in 10 days"));
            Assert.Contains("<h3>Tenant-wide (affects every ADE token)</h3>", html);
            Assert.Equal(2, Regex.Matches(html, "<section class=\"group token\">").Count);
            Assert.Contains("<details><summary>How to fix it (2 steps)</summary>\n<ol><li>Do this first.</li><li>Then this.</li></ol>", html);
            Assert.DoesNotContain("<script", html);
            Assert.Contains("@media print", html);
        }

        [Fact]
        public void Markdown_uses_markdown_escapes_not_html_entities()
        {
            var r = ReportData.Result("Terms & Conditions", HealthStatus.Warning, 5,
                ReportData.Finding("C", FindingSeverity.Warning, "Go to Devices > Enrollment; keep &amp; as typed; *not bold*."));
            var md = Report(r).Render(ReportFormat.Markdown);
            Assert.Contains("| Warning | Terms & Conditions | 5 |", md);
            Assert.Contains("Go to Devices > Enrollment; keep \\&amp; as typed; \\*not bold\\*.", md);
            Assert.DoesNotContain("&gt;", md);
            Assert.DoesNotContain("&lt;", md);
            Assert.Equal("\\# 1", MarkdownReportRenderer.Md("# 1"));
            Assert.Equal("\\> quoted", MarkdownReportRenderer.Md("> quoted"));
            Assert.Equal("2026\\. was a year", MarkdownReportRenderer.Md("2026. was a year"));
            Assert.Equal("a \\<script> b", MarkdownReportRenderer.Md("a <script> b"));
        }

        [Fact]
        public void Markdown_lists_apple_tokens_and_the_next_expiry()
        {
            var md = Report(WithApple()).Render(ReportFormat.Markdown);
            Assert.Contains("Next to expire: Apple MDM push certificate (APNs certificate), 10 days left, on 2025-06-11.", md);
            Assert.Contains("| Critical | VPP token | Old \\<b>Books\\</b> | expired | -40 |", md);
            Assert.Single(Regex.Matches(md, "APNs expires in 10 days"));
        }

        [Theory]
        [InlineData("r.html", ReportFormat.Html)]
        [InlineData("R.HTM", ReportFormat.Html)]
        [InlineData("dir.x/r.md", ReportFormat.Markdown)]
        [InlineData("r.markdown", ReportFormat.Markdown)]
        [InlineData("r.json", ReportFormat.Json)]
        [InlineData("r.Csv", ReportFormat.Csv)]
        [InlineData("r.txt", null)]
        [InlineData("report", null)]
        public void Format_follows_the_extension(string path, ReportFormat? expected) => Assert.Equal(expected, HealthReport.FormatFromExtension(path));

        private static readonly Lazy<JsonSchema> s_schema = new Lazy<JsonSchema>(() =>
            JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "report-schema.json"))));

        private static string[] SchemaErrors(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var result = s_schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (result.IsValid) return Array.Empty<string>();
            return (result.Details ?? new System.Collections.Generic.List<EvaluationResults>()).Where(d => d.Errors != null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).DefaultIfEmpty("invalid").ToArray();
        }

        [Fact]
        public void Json_report_validates_against_the_documented_schema()
        {
            var evil = ReportData.Result("<script>\"x\"</script>", HealthStatus.Critical, null, ReportData.Finding(HealthFindingCodes.SyncFailed, FindingSeverity.Critical, "\u2028 & <"));
            evil.TenantId = null;
            evil.LastSuccessfulSyncDateTime = null;
            foreach (var report in new[] { Report(WithApple()), Report(), Report(evil), Report(ReportData.Mixed()) })
                Assert.Empty(SchemaErrors(report.Render(ReportFormat.Json)));
        }

        [Fact]
        public void The_schema_rejects_what_it_should()
        {
            var json = Report(ReportData.Mixed()).Render(ReportFormat.Json);
            Assert.NotEmpty(SchemaErrors(json.Replace("\"status\": \"Critical\"", "\"status\": 2")));
            Assert.NotEmpty(SchemaErrors(json.Replace("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"2.0\"")));
            Assert.NotEmpty(SchemaErrors(json.Replace("\"tokenId\":", "\"tokenID\":")));
        }
    }
}
