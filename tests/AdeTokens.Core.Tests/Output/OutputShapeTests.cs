using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Xunit;

namespace AdeTokens.Tests.Output
{
    // What PowerShell makes of output objects when it turns a property into one string (Export-Csv, string
    // expansion) or into JSON (ConvertTo-Json). The end-to-end checks are in tests/pester/Exports.Tests.ps1.
    public class OutputShapeTests
    {
        [Fact]
        public void Every_public_enum_is_long_based_so_ConvertTo_Json_writes_its_name()
        {
            var enums = typeof(HealthStatus).Assembly.GetExportedTypes().Where(t => t.IsEnum).ToList();
            Assert.Contains(typeof(HealthStatus), enums);
            Assert.Contains(typeof(TokenState), enums);
            Assert.Contains(typeof(FindingSeverity), enums);
            Assert.True(enums.Count >= 10, $"found only {enums.Count} public enums");
            var notLong = enums.Where(t => Enum.GetUnderlyingType(t) != typeof(long)).Select(t => t.FullName).ToList();
            Assert.True(notLong.Count == 0, "not long-based: " + string.Join(", ", notLong));
        }

        [Fact]
        public void A_text_list_reads_as_its_items_and_stays_a_list()
        {
            TextList steps = new[] { "Renew the token.", "Sync it." };
            Assert.Equal("Renew the token.; Sync it.", steps.ToString());
            Assert.Equal(2, steps.Count);
            Assert.Equal("Sync it.", steps[1]);
            Assert.Equal(string.Empty, TextList.Empty.ToString());
            TextList none = (string[]?)null;
            Assert.Empty(none);
        }

        [Fact]
        public void A_text_list_is_a_copy_of_what_it_was_made_from()
        {
            var source = new[] { "a", "b" };
            TextList list = source;
            source[0] = "changed";
            Assert.Equal("a", list[0]);
        }

        [Fact]
        public void Findings_read_as_their_codes_in_order()
        {
            FindingList findings = new[]
            {
                new HealthFinding { Code = "TokenExpired", Severity = FindingSeverity.Critical },
                new HealthFinding { Code = "SyncStale", Severity = FindingSeverity.Warning },
            };
            Assert.Equal("TokenExpired, SyncStale", findings.ToString());
            Assert.Equal("SyncStale", findings[1].Code);
            Assert.Equal(string.Empty, FindingList.Empty.ToString());
        }

        [Theory]
        [InlineData("th-TH")]
        [InlineData("de-DE")]
        [InlineData("")]
        public void Raw_properties_read_as_compact_invariant_json(string culture)
        {
            var saved = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
                var raw = new RawProperties
                {
                    ["tokenName"] = "Contoso \"ABM\"",
                    ["tokenExpirationDateTime"] = new DateTimeOffset(2027, 7, 29, 14, 47, 15, TimeSpan.Zero),
                    ["syncedDeviceCount"] = 7,
                    ["ratio"] = 1.5,
                    ["roleScopeTagIds"] = new[] { "0", "1" },
                    ["appleIdentifier"] = null,
                    ["dataSharingConsentGranted"] = true,
                };
                Assert.Equal(
                    "{\"appleIdentifier\":null,\"dataSharingConsentGranted\":true,\"ratio\":1.5,\"roleScopeTagIds\":[\"0\",\"1\"],\"syncedDeviceCount\":7,"
                    + "\"tokenExpirationDateTime\":\"2027-07-29T14:47:15.0000000+00:00\",\"tokenName\":\"Contoso \\\"ABM\\\"\"}",
                    raw.ToString());
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }
    }
}
