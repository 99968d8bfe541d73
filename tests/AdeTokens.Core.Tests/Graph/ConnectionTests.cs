using System;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AdeTokens.Graph;
using Azure.Identity;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public class ConnectionTests
    {
        private static SecureString Secure(string s)
        {
            var ss = new SecureString();
            foreach (var c in s) ss.AppendChar(c);
            return ss;
        }

        [Theory]
        [InlineData("https://graph.microsoft.com", true)]
        [InlineData("http://127.0.0.1:5000", true)]
        [InlineData("http://127.8.9.10", true)]
        [InlineData("http://localhost:1234/", true)]
        [InlineData("http://[::1]:8080", true)]
        [InlineData("http://graph.microsoft.com", false)]
        [InlineData("http://10.0.0.5", false)]
        [InlineData("ftp://graph.microsoft.com", false)]
        [InlineData("https://graph.microsoft.com/beta", false)]
        [InlineData("https://graph.microsoft.com/?x=1", false)]
        public void EndpointRule(string url, bool ok)
        {
            if (ok) Assert.NotNull(GraphClouds.ValidateEndpoint(new Uri(url)));
            else Assert.Throws<ArgumentException>(() => GraphClouds.ValidateEndpoint(new Uri(url)));
        }

        [Theory]
        [InlineData(GraphCloud.Global, "https://graph.microsoft.com", "https://login.microsoftonline.com")]
        [InlineData(GraphCloud.USGov, "https://graph.microsoft.us", "https://login.microsoftonline.us")]
        [InlineData(GraphCloud.USGovDoD, "https://dod-graph.microsoft.us", "https://login.microsoftonline.us")]
        [InlineData(GraphCloud.China, "https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn")]
        public void CloudsMapToDocumentedHosts(GraphCloud cloud, string graph, string login)
        {
            Assert.Equal(new Uri(graph), GraphClouds.GraphEndpoint(cloud));
            Assert.Equal(new Uri(login), GraphClouds.AuthorityHost(cloud));
            Assert.Equal(new[] { graph + "/.default" }, new ConnectOptions { AuthType = AuthType.ManagedIdentity, Environment = cloud }.TokenScopes());
        }

        [Fact]
        public void OverriddenEndpointKeepsTheCloudAudience()
        {
            var o = new ConnectOptions { AuthType = AuthType.ClientSecret, GraphEndpoint = new Uri("http://127.0.0.1:9999") };
            Assert.Equal(new[] { "https://graph.microsoft.com/.default" }, o.TokenScopes());
            Assert.Equal(new Uri("http://127.0.0.1:9999"), o.EffectiveGraphEndpoint);
        }

        [Fact]
        public void DelegatedScopesArePrefixedWithTheResource()
        {
            var o = new ConnectOptions { AuthType = AuthType.DeviceCode, Environment = GraphCloud.USGov, Scopes = new[] { "DeviceManagementServiceConfig.ReadWrite.All" } };
            Assert.Equal(new[] { "https://graph.microsoft.us/DeviceManagementServiceConfig.ReadWrite.All" }, o.TokenScopes());
        }

        [Fact]
        public void EachFlowBuildsItsCredential()
        {
            Assert.IsType<ClientSecretCredential>(CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.ClientSecret, TenantId = "contoso.onmicrosoft.com", ClientId = Guid.NewGuid().ToString(), ClientSecret = Secure("s3cr3t") }));
            Assert.IsType<ManagedIdentityCredential>(CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.ManagedIdentity }));
            Assert.IsType<ManagedIdentityCredential>(CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.ManagedIdentity, ManagedIdentityClientId = Guid.NewGuid().ToString() }));
            Assert.IsType<DeviceCodeCredential>(CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.DeviceCode }));
            Assert.IsType<InteractiveBrowserCredential>(CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.Interactive, TenantId = "contoso.onmicrosoft.com" }));
            using var rsa = RSA.Create(2048);
            using var cert = new CertificateRequest("CN=AdeTokens test app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            Assert.IsType<ClientCertificateCredential>(CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.Certificate, TenantId = "t", ClientId = "c", Certificate = cert }));
        }

        [Fact]
        public void AppOnlyWithoutTenantOrKeyIsRefusedClearly()
        {
            var e = Assert.Throws<ArgumentException>(() => CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.ClientSecret, ClientId = "c", ClientSecret = Secure("x") }));
            Assert.Contains("-TenantId", e.Message);
            using var rsa = RSA.Create(2048);
            using var withKey = new CertificateRequest("CN=no key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.Export(X509ContentType.Cert));
            var e2 = Assert.Throws<ArgumentException>(() => CredentialFactory.Create(new ConnectOptions { AuthType = AuthType.Certificate, TenantId = "t", ClientId = "c", Certificate = publicOnly }));
            Assert.Contains("no private key", e2.Message);
        }

        [Fact]
        public void ClaimsAreReadFromTheJwtPayload()
        {
            static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var jwt = B64("{\"alg\":\"none\"}") + "." + B64("{\"tid\":\"t-1\",\"appid\":\"app-1\",\"roles\":[\"DeviceManagementServiceConfig.Read.All\"],\"exp\":1893456000}") + ".sig";
            var c = TokenClaims.Parse(jwt);
            Assert.Equal("t-1", c.TenantId);
            Assert.Equal("app-1", c.AppId);
            Assert.Equal(new[] { "DeviceManagementServiceConfig.Read.All" }, c.Roles);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1893456000), c.ExpiresOn);
            Assert.Empty(TokenClaims.Parse("opaque-token").Roles);
        }
    }
}
