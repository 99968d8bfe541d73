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
                ThrowTerminatingError(ErrorRecords.Create(e, "InvalidGraphEndpoint", ErrorCategory.InvalidArgument, GraphEndpoint, e.Message, "Use an https URL, or http only for 127.0.0.1, ::1 or localhost."));
                return;
            }

            WriteVerbose($"Connecting to {endpoint} ({options.Environment}) with {options.AuthType} sign-in.");
            AdeGraphConnection connection;
            try
            {
                // Azure.Identity opens the browser silently; on a machine without one the command would sit mute.
                if (options.AuthType == AuthType.Interactive)
                    WriteInformation(new InformationRecord(new HostInformationMessage { Message = "Opening a browser to sign in to Microsoft Entra ID. Finish the sign-in there; no browser on this machine? Press Ctrl+C and run Connect-AdeGraph -UseDeviceCode." }, MyInvocation.MyCommand.Name) { Tags = { "PSHOST" } });
                connection = RunAsync((pipe, ct) =>
                {
                    // Azure.Identity calls this on a worker thread: hand the message to the pipeline thread.
                    options.DeviceCodeCallback = (message, _) =>
                    {
                        pipe.WriteHost(message);
                        return System.Threading.Tasks.Task.CompletedTask;
                    };
                    return InteractiveSignIn.ConnectAsync(options, pipe.WriteWarning, ct);
                });
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.Create(e, "InvalidConnectionParameters", ErrorCategory.InvalidArgument, ParameterSetName, e.Message, "Check the parameters given to Connect-AdeGraph."));
                return;
            }
            catch (AdeGraphException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, options.TenantId ?? endpoint.ToString()));
                return;
            }

            SessionStore.Set(connection)?.Dispose();
            var context = GraphContext.From(connection);
            if (!context.CanRead && (context.Roles.Count > 0 || context.Scopes.Count > 0))
            {
                WriteWarning($"The token carries neither {GraphPermissions.Read} nor {GraphPermissions.ReadWrite}; reading ADE tokens will fail with 403. Grant one of them and connect again.");
            }
            WriteObject(context);
        }

        private X509Certificate2 FindCertificate(string thumbprint)
        {
            try
            {
                return CertificateStore.FindByThumbprint(thumbprint, WriteVerbose);
            }
            catch (CertificateNotFoundException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e));
                return null!;
            }
        }
    }
}
