using System;
using System.Runtime.InteropServices;
using System.Security;
using Azure.Core;
using Azure.Identity;

namespace AdeTokens.Graph
{
    /// <summary>Builds the Azure.Identity credential for each way of connecting.</summary>
    public static class CredentialFactory
    {
        /// <summary>Creates the credential. Throws ArgumentException for missing or contradictory inputs.</summary>
        public static TokenCredential Create(ConnectOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            switch (options.AuthType)
            {
                case AuthType.AccessToken:
                {
                    var token = Reveal(options.AccessToken);
                    if (string.IsNullOrWhiteSpace(token))
                        throw new ArgumentException("The access token is empty.");
                    var claims = TokenClaims.Parse(token);
                    return new StaticTokenCredential(token!, claims.ExpiresOn ?? DateTimeOffset.UtcNow.AddHours(1));
                }
                case AuthType.ManagedIdentity:
                {
                    var id = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                        ? ManagedIdentityId.SystemAssigned
                        : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId);
                    return new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(id));
                }
                case AuthType.ClientSecret:
                {
                    RequireTenantAndClient(options);
                    var secret = Reveal(options.ClientSecret);
                    if (string.IsNullOrEmpty(secret)) throw new ArgumentException("The client secret is empty.");
                    return new ClientSecretCredential(options.TenantId, options.ClientId, secret, Configure(new ClientSecretCredentialOptions(), options));
                }
                case AuthType.Certificate:
                {
                    RequireTenantAndClient(options);
                    if (options.Certificate is null) throw new ArgumentException("No certificate was given.");
                    if (!options.Certificate.HasPrivateKey)
                        throw new ArgumentException($"The certificate '{options.Certificate.Subject}' ({options.Certificate.Thumbprint}) has no private key, so it cannot sign in as the app. Use the certificate from the store where its private key is installed.");
                    return new ClientCertificateCredential(options.TenantId, options.ClientId, options.Certificate, Configure(new ClientCertificateCredentialOptions(), options));
                }
                case AuthType.DeviceCode:
                {
                    var o = Configure(new DeviceCodeCredentialOptions(), options);
                    o.TenantId = options.TenantId ?? "organizations";
                    o.ClientId = options.ClientId ?? ConnectOptions.DefaultPublicClientId;
                    var callback = options.DeviceCodeCallback;
                    if (callback != null) o.DeviceCodeCallback = (info, ct) => callback(info.Message, ct);
                    return new DeviceCodeCredential(o);
                }
                default:
                {
                    var o = Configure(new InteractiveBrowserCredentialOptions(), options);
                    o.TenantId = options.TenantId ?? "organizations";
                    o.ClientId = options.ClientId ?? ConnectOptions.DefaultPublicClientId;
                    return new InteractiveBrowserCredential(o);
                }
            }
        }

        private static T Configure<T>(T o, ConnectOptions options) where T : TokenCredentialOptions
        {
            // Left unset for a default Global connection so Azure.Identity's own AZURE_AUTHORITY_HOST still applies.
            if (options.EnvironmentSpecified || options.Environment != GraphCloud.Global)
                o.AuthorityHost = GraphClouds.AuthorityHost(options.Environment);
            return o;
        }

        private static void RequireTenantAndClient(ConnectOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.TenantId))
                throw new ArgumentException("App-only sign-in needs -TenantId (the tenant id or its primary domain).");
            if (string.IsNullOrWhiteSpace(options.ClientId))
                throw new ArgumentException("App-only sign-in needs -ClientId (the application id of the app registration).");
        }

        internal static string? Reveal(SecureString? value)
        {
            if (value is null || value.Length == 0) return null;
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(ptr);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
