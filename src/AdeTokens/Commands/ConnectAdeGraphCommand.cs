using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using AdeTokens.Graph;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "AdeGraph", DefaultParameterSetName = InteractiveSet)]
    [OutputType(typeof(GraphContext))]
    public sealed class ConnectAdeGraphCommand : AdeCmdletBase
    {
        private const string InteractiveSet = "Interactive";
        private const string SecretSet = "ClientSecret";
        private const string ThumbprintSet = "CertificateThumbprint";
        private const string CertificateSet = "Certificate";
        private const string IdentitySet = "ManagedIdentity";
        private const string AccessTokenSet = "AccessToken";

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
        [Parameter(ParameterSetName = ThumbprintSet, Mandatory = true)]
        [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
        [Parameter(ParameterSetName = ThumbprintSet, Mandatory = true)]
        [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
        [Alias("ApplicationId", "AppId")]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        public SwitchParameter UseDeviceCode { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string[] Scopes { get; set; } = { GraphPermissions.Read };

        [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        [Parameter(ParameterSetName = ThumbprintSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? CertificateThumbprint { get; set; }

        [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        [Parameter(ParameterSetName = IdentitySet, Mandatory = true)]
        [Alias("ManagedIdentity")]
        public SwitchParameter Identity { get; set; }

        [Parameter(ParameterSetName = IdentitySet)]
        [ValidateNotNullOrEmpty]
        public string? ManagedIdentityClientId { get; set; }

        [Parameter(ParameterSetName = AccessTokenSet, Mandatory = true)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        [Parameter]
        public GraphCloud Environment { get; set; } = GraphCloud.Global;

        [Parameter]
        [ValidateNotNull]
        public Uri? GraphEndpoint { get; set; }

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetry { get; set; } = 10;

        protected override void EndProcessing()
        {
            var options = new ConnectOptions
            {
                TenantId = TenantId,
                ClientId = ClientId,
                Environment = Environment,
                EnvironmentSpecified = MyInvocation.BoundParameters.ContainsKey(nameof(Environment)),
                GraphEndpoint = GraphEndpoint,
                MaxRetry = MaxRetry,
            };
            switch (ParameterSetName)
            {
                case SecretSet:
                    options.AuthType = AuthType.ClientSecret;
                    options.ClientSecret = ClientSecret;
                    break;
                case ThumbprintSet:
                    options.AuthType = AuthType.Certificate;
                    options.Certificate = FindCertificate(CertificateThumbprint!);
                    break;
                case CertificateSet:
                    options.AuthType = AuthType.Certificate;
                    options.Certificate = Certificate;
                    break;
                case IdentitySet:
                    options.AuthType = AuthType.ManagedIdentity;
                    options.ManagedIdentityClientId = ManagedIdentityClientId;
                    break;
                case AccessTokenSet:
                    options.AuthType = AuthType.AccessToken;
                    options.AccessToken = AccessToken;
                    break;
                default:
                    options.AuthType = UseDeviceCode ? AuthType.DeviceCode : AuthType.Interactive;
                    options.Scopes = Scopes;
                    break;
            }

            Uri endpoint;
            try
            {
                endpoint = options.EffectiveGraphEndpoint;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "InvalidGraphEndpoint", ErrorCategory.InvalidArgument, GraphEndpoint)
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Use an https URL, or http only for 127.0.0.1, ::1 or localhost." },
                });
                return;
            }

            WriteVerbose($"Connecting to {endpoint} ({options.Environment}) with {options.AuthType} sign-in.");
            AdeGraphConnection connection;
            try
            {
                var interactive = options.AuthType == AuthType.Interactive;
                if (interactive)
                {
                    // Azure.Identity opens the browser silently; on a machine without one the command would sit mute.
                    WriteInformation(new InformationRecord(new HostInformationMessage { Message = "Opening a browser to sign in to Microsoft Entra ID. Finish the sign-in there; no browser on this machine? Press Ctrl+C and run Connect-AdeGraph -UseDeviceCode." }, MyInvocation.MyCommand.Name) { Tags = { "PSHOST" } });
                }
                connection = RunAsync(async (pipe, ct) =>
                {
                    // Azure.Identity calls this on a worker thread: hand the message to the pipeline thread.
                    options.DeviceCodeCallback = (message, _) =>
                    {
                        pipe.WriteHost(message);
                        return System.Threading.Tasks.Task.CompletedTask;
                    };
                    var connect = AdeGraphConnection.ConnectAsync(options, ct);
                    if (interactive)
                    {
                        using var hintCancel = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(ct);
                        var hint = System.Threading.Tasks.Task.Delay(BrowserHintDelay, hintCancel.Token);
                        if (await System.Threading.Tasks.Task.WhenAny(connect, hint).ConfigureAwait(false) == hint && !hint.IsCanceled)
                        {
                            pipe.WriteWarning($"Still waiting for the browser sign-in after {BrowserHintDelay.TotalSeconds:0} s. If no browser opened (a server, an SSH session or a container), press Ctrl+C and run Connect-AdeGraph -UseDeviceCode -TenantId <tenant> instead.");
                        }
                        hintCancel.Cancel();
                    }
                    return await connect.ConfigureAwait(false);
                });
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "InvalidConnectionParameters", ErrorCategory.InvalidArgument, ParameterSetName)
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Check the parameters given to Connect-AdeGraph." },
                });
                return;
            }
            catch (AdeGraphException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, options.TenantId ?? endpoint.ToString()));
                return;
            }

            SessionStore.Set(connection)?.Dispose();
            var context = GraphContext.From(connection);
            if (!context.CanRead && (context.Roles.Length > 0 || context.Scopes.Length > 0))
            {
                WriteWarning($"The token carries neither {GraphPermissions.Read} nor {GraphPermissions.ReadWrite}; reading ADE tokens will fail with 403. Grant one of them and connect again.");
            }
            WriteObject(context);
        }

        // A short while: a browser sign-in with MFA usually takes longer than this, so the hint is a suggestion, not an error.
        private static readonly TimeSpan BrowserHintDelay = TimeSpan.FromSeconds(20);

        private X509Certificate2 FindCertificate(string thumbprint)
        {
            var wanted = thumbprint.Replace(" ", string.Empty).ToUpperInvariant();
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                try
                {
                    using var store = new X509Store(StoreName.My, location);
                    store.Open(OpenFlags.ReadOnly);
                    var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
                    if (found.Count > 0)
                    {
                        WriteVerbose($"Found certificate {wanted} in {location}\\My.");
                        return found[0];
                    }
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    // A store that doesn't exist on this platform (LocalMachine on Linux) just has no match.
                }
            }
            ThrowTerminatingError(new ErrorRecord(
                new ItemNotFoundException($"No certificate with thumbprint {wanted} was found in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My."),
                "CertificateNotFound", ErrorCategory.ObjectNotFound, thumbprint)
            {
                ErrorDetails = new ErrorDetails($"No certificate with thumbprint {wanted} was found in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My.")
                {
                    RecommendedAction = "Import the app's certificate with its private key into the personal store, or pass it with -Certificate.",
                },
            });
            return null!;
        }
    }
}
