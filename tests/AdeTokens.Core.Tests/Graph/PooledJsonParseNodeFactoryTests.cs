using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AdeTokens.Graph.Json;
using AdeTokens.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public class PooledJsonParseNodeFactoryTests
    {
        // A profile as Graph sends it: typed fields, and Setup Assistant settings the model leaves in AdditionalData,
        // arrays and objects among them (Kiota enumerates those lazily, from the document).
        private const string Profile = "{\"@odata.type\":\"#microsoft.graph.depIOSEnrollmentProfile\",\"id\":\"p1\",\"displayName\":\"Corp \\u00e9 iPhone\",\"isDefault\":true," +
            "\"supervisedModeEnabled\":true,\"deviceNameTemplate\":\"{{SERIAL}}\",\"enabledSkipKeys\":[\"Siri\",\"Privacy\",[1,2.5,null]],\"displayTones\":null," +
            "\"nested\":{\"a\":[{\"b\":\"c\"}],\"n\":12345678901,\"d\":1.5},\"createdDateTime\":\"2026-01-02T03:04:05Z\",\"count\":7}";

        private static string Page(int devices, bool withNext)
        {
            var sb = new StringBuilder("{\"@odata.context\":\"ctx\",\"value\":[");
            for (var i = 0; i < devices; i++)
            {
                if (i > 0) sb.Append(',');
                // Values that repeat (platform, state, profile) and ones that don't (id, serial); one device with its
                // properties in another order, one with an escaped name, one with a null and an unknown field.
                if (i == 3)
                    sb.Append("{\"platform\":\"macOS\",\"serialNumber\":\"S3\",\"id\":\"d3\",\"enrollmentState\":\"failed\",\"isDeleted\":true}");
                else if (i == 4)
                    sb.Append("{\"id\":\"d4\",\"serial\\u004Eumber\":\"S4\",\"platform\":null,\"requestedEnrollmentProfileId\":\"p1\",\"extra\":[\"x\",{\"y\":1}]}");
                else
                    sb.Append("{\"id\":\"d" + i + "\",\"serialNumber\":\"S" + i + "\",\"platform\":\"ios\",\"requestedEnrollmentProfileId\":\"p" + (i % 2) + "\",\"enrollmentState\":\"enrolled\",\"isDeleted\":false}");
            }
            sb.Append(']');
            if (withNext) sb.Append(",\"@odata.nextLink\":\"https://graph/next?$skiptoken=1\"");
            return sb.Append('}').ToString();
        }

        private static async Task<IParseNode> Root(IParseNodeFactory factory, string json)
            => await factory.GetRootParseNodeAsync("application/json", new MemoryStream(Encoding.UTF8.GetBytes(json), false));

        private static string Write(IParsable value)
        {
            using var writer = new JsonSerializationWriter();
            writer.WriteObjectValue(null, value);
            using var reader = new StreamReader(writer.GetSerializedContent());
            return reader.ReadToEnd();
        }

        // Whatever Kiota's own factory reads, ours reads the same: same fields, same AdditionalData, same types.
        public static IEnumerable<object[]> Bodies() => new[]
        {
            new object[] { "devices", Page(12, true) },
            new object[] { "profile", Profile },
            new object[] { "tokens", "{\"value\":[{\"id\":\"t1\",\"tokenName\":\"A\",\"syncedDeviceCount\":3,\"lastSyncErrorCode\":0,\"roleScopeTagIds\":[\"0\",\"1\"],\"tokenExpirationDateTime\":\"2027-01-01T00:00:00Z\",\"enrollmentProfiles\":[" + Profile + "]}]}" },
            new object[] { "apns", "{\"id\":\"a\",\"appleIdentifier\":\"apns@contoso.com\",\"expirationDateTime\":\"2027-05-01T00:00:00Z\",\"topicIdentifier\":\"t\",\"certificate\":null}" },
            new object[] { "vpp", "{\"value\":[{\"id\":\"v\",\"organizationName\":\"Contoso\",\"state\":\"valid\",\"vppTokenAccountType\":\"business\",\"lastSyncStatus\":\"completed\",\"countryOrRegion\":\"us\",\"automaticallyUpdateApps\":true,\"roleScopeTagIds\":[\"0\"],\"displayName\":\"x\"}]}" },
            new object[] { "error", "{\"error\":{\"code\":\"BadRequest\",\"message\":\"m\",\"innerError\":{\"request-id\":\"r-1\",\"date\":\"2026-12-01T10:00:00\",\"client-request-id\":\"c\"},\"details\":[{\"code\":\"x\",\"message\":\"y\"}]}}" },
        };

        private static IParsable ParseAs(string kind, IParseNode node) => kind switch
        {
            "devices" => node.GetObjectValue(_ => new ImportedAppleDeviceIdentityCollectionResponse()),
            "profile" => node.GetObjectValue(EnrollmentProfile.CreateFromDiscriminatorValue),
            "tokens" => node.GetObjectValue(_ => new DepOnboardingSettingCollectionResponse()),
            "apns" => node.GetObjectValue(Microsoft.Graph.Models.ApplePushNotificationCertificate.CreateFromDiscriminatorValue),
            "vpp" => node.GetObjectValue(Microsoft.Graph.Models.VppTokenCollectionResponse.CreateFromDiscriminatorValue),
            _ => node.GetObjectValue(Microsoft.Graph.Models.ODataErrors.ODataError.CreateFromDiscriminatorValue),
        };

        [Theory]
        [MemberData(nameof(Bodies))]
        public async Task ReadsWhatKiotaReads(string kind, string json)
        {
            var kiota = ParseAs(kind, await Root(new JsonParseNodeFactory(), json));
            var ours = ParseAs(kind, await Root(new PooledJsonParseNodeFactory(), json));
            // Written out only now, after our document went back to the pool: anything still reading it would throw.
            Assert.Equal(Write(kiota), Write(ours));
        }

        [Fact]
        public async Task DevicePageKeepsEveryValueApart()
        {
            var page = (ImportedAppleDeviceIdentityCollectionResponse)ParseAs("devices", await Root(new PooledJsonParseNodeFactory(), Page(12, true)));
            Assert.Equal(12, page.Value!.Count);
            Assert.Equal("https://graph/next?$skiptoken=1", page.OdataNextLink);
            Assert.Equal(new[] { "S0", "S1", "S2", "S3", "S4", "S5" }, page.Value.Take(6).Select(d => d.SerialNumber));
            Assert.Equal(new[] { "ios", "ios", "ios", "macOS", null, "ios" }, page.Value.Take(6).Select(d => d.Platform));
            Assert.Equal(new[] { "p0", "p1", "p0" }, page.Value.Take(3).Select(d => d.RequestedEnrollmentProfileId));
            Assert.Equal("failed", page.Value[3].EnrollmentState);
            Assert.True(page.Value[3].IsDeleted);
            Assert.False(page.Value[0].IsDeleted);
            // A JSON null is skipped, an unknown property kept.
            Assert.False(page.Value[4].AdditionalData.ContainsKey("platform"));
            var extra = Assert.IsType<UntypedArray>(page.Value[4].AdditionalData["extra"]);
            Assert.Equal("x", ((UntypedString)extra.GetValue().First()).GetValue());
        }

        [Fact]
        public async Task UnknownArraysAreStillThereAfterTheMemoryWentBack()
        {
            var factory = new PooledJsonParseNodeFactory();
            var profile = (EnrollmentProfile)ParseAs("profile", await Root(factory, Profile));
            // Reuse the pool hard, so memory handed back would now hold other bytes.
            for (var i = 0; i < 20; i++) ParseAs("devices", await Root(factory, Page(200, false)));
            var info = EnrollmentProfileInfo.From(profile, "tok-1", "Contoso", true);
            Assert.Equal("{{SERIAL}}", info.Raw["deviceNameTemplate"]);
            Assert.Equal(new object?[] { "Siri", "Privacy", new object?[] { 1, 2.5m, null } }, (object?[])info.Raw["enabledSkipKeys"]!);
            Assert.Contains("\"nested\":{\"a\":[{\"b\":\"c\"}],\"d\":1.5,\"n\":12345678901}", info.Raw.ToString());
            Assert.Equal("Corp \u00e9 iPhone", profile.DisplayName);
        }

        [Fact]
        public async Task TheRootIsReadOnceThenItsMemoryIsGone()
        {
            var root = await Root(new PooledJsonParseNodeFactory(), Page(3, false));
            Assert.Equal(3, ((ImportedAppleDeviceIdentityCollectionResponse)ParseAs("devices", root)).Value!.Count);
            Assert.Throws<ObjectDisposedException>(() => root.GetStringValue());
            Assert.Throws<ObjectDisposedException>(() => ParseAs("devices", root));
        }

        [Fact]
        public async Task CollectionsAtTheRootAreReadBeforeTheMemoryGoesBack()
        {
            var factory = new PooledJsonParseNodeFactory();
            var devices = (await Root(factory, "[{\"id\":\"a\"},{\"id\":\"b\"}]")).GetCollectionOfObjectValues(ImportedAppleDeviceIdentity.CreateFromDiscriminatorValue);
            var strings = (await Root(factory, "[\"x\",\"y\"]")).GetCollectionOfPrimitiveValues<string>();
            for (var i = 0; i < 5; i++) ParseAs("devices", await Root(factory, Page(50, false)));
            Assert.Equal(new[] { "a", "b" }, devices.Select(d => d.Id));
            Assert.Equal(new[] { "x", "y" }, strings);
        }

        [Fact]
        public async Task AChildNodeOutlivesTheResponse()
        {
            var child = (await Root(new PooledJsonParseNodeFactory(), "{\"value\":\"k\",\"other\":1}")).GetChildNode("value");
            Assert.Equal("k", child!.GetStringValue());
        }

        [Fact]
        public async Task HooksRunForEveryObject()
        {
            var root = await Root(new PooledJsonParseNodeFactory(), Page(5, false));
            var before = new List<IParsable>();
            var after = new List<IParsable>();
            root.OnBeforeAssignFieldValues = before.Add;
            root.OnAfterAssignFieldValues = after.Add;
            var page = (ImportedAppleDeviceIdentityCollectionResponse)ParseAs("devices", root);
            Assert.Equal(6, before.Count);
            Assert.Equal(6, after.Count);
            Assert.Same(page, after.Last());
            Assert.Equal(page.Value!, after.Take(5));
        }

        [Fact]
        public async Task ManyDistinctNamesAreAllRead()
        {
            var json = "{" + string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"k{i}\":\"v{i}\"")) + ",\"id\":\"last\"}";
            var profile = (EnrollmentProfile)ParseAs("profile", await Root(new PooledJsonParseNodeFactory(), json));
            Assert.Equal("last", profile.Id);
            Assert.Equal(400, profile.AdditionalData.Count);
            Assert.Equal("v399", profile.AdditionalData["k399"]);
        }
    }
}
