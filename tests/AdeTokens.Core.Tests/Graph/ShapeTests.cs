using System;
using System.Linq;
using System.Text.Json;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public class ShapeTests
    {
        private static EnrollmentProfile? Parse(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var node = new JsonParseNode(doc.RootElement.Clone());
            return node.GetObjectValue(EntityOrValue<EnrollmentProfile>.Factory(EnrollmentProfile.CreateFromDiscriminatorValue)).Entity;
        }

        [Fact]
        public void DefaultProfileReadsBareAndWrapped()
        {
            const string profile = "{\"@odata.type\":\"#microsoft.graph.depIOSEnrollmentProfile\",\"id\":\"p1\",\"displayName\":\"iPads\",\"isDefault\":true}";
            var bare = Parse(profile)!;
            var wrapped = Parse("{\"@odata.context\":\"x\",\"value\":" + profile + "}")!;
            foreach (var p in new[] { bare, wrapped })
            {
                Assert.Equal("p1", p.Id);
                Assert.Equal("iPads", p.DisplayName);
                Assert.Equal("iOS", p.Platform);
                Assert.True(p.IsDefault);
            }
        }

        [Fact]
        public void WrappedNullIsNoProfile()
            => Assert.Null(Parse("{\"value\":null}"));

        [Fact]
        public void VppTokenInfoNeverCarriesTheSecret()
        {
            var t = new VppToken
            {
                Id = "v1", Token = "SECRET-VALUE", OrganizationName = "Contoso", AppleId = "vpp@contoso.com",
                State = VppTokenState.AssignedToExternalMDM, LastSyncStatus = VppTokenSyncStatus.InProgress,
                ExpirationDateTime = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            var info = AdeGraphService.ToInfo(t);
            Assert.Equal("assignedToExternalMDM", info.State);
            Assert.Equal("inProgress", info.LastSyncStatus);
            Assert.Equal("Contoso", info.OrganizationName);
            Assert.DoesNotContain(typeof(VppTokenInfo).GetProperties(), p => p.Name.Equals("Token", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("SECRET", JsonSerializer.Serialize(info));
            Assert.DoesNotContain("token", AdeGraphService.VppTokenSelect);
        }

        [Fact]
        public void InvalidTokenFixIsANewTokenNotSupport()
        {
            var e = SyncErrorCatalog.Load().FindError("ExpiredOrInvalidToken")!;
            Assert.DoesNotContain(e.Fix, s => s.Contains("contact Intune support", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(e.Fix, s => s.Contains("new token created in Intune") && s.Contains("existing MDM server"));
        }
    }
}
