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
            // Each credential parameter belongs to one parameter set, so only the chosen flow's are bound.
            var options = new ConnectOptions
            {
                AuthType = ParameterSetName switch
                {
                    SecretSet => AuthType.ClientSecret,
                    ThumbprintSet or CertificateSet => AuthType.Certificate,
                    IdentitySet => AuthType.ManagedIdentity,
                    AccessTokenSet => AuthType.AccessToken,
                    _ => UseDeviceCode ? AuthType.DeviceCode : AuthType.Interactive,
                },
                TenantId = TenantId,
                ClientId = ClientId,
                Environment = Environment,
                EnvironmentSpecified = MyInvocation.BoundParameters.ContainsKey(nameof(Environment)),
                GraphEndpoint = GraphEndpoint,
                MaxRetry = MaxRetry,
                Scopes = Scopes,
                ClientSecret = ClientSecret,
                Certificate = Certificate ?? (CertificateThumbprint is null ? null : FindCertificate(CertificateThumbprint)),
                ManagedIdentityClientId = ManagedIdentityClientId,
                AccessToken = AccessToken,
            };

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
                if (options.AuthType == AuthType.Interactive)
                    WriteInformation(new InformationRecord(new HostInformationMessage { Message = InteractiveSignIn.BrowserNotice }, MyInvocation.MyCommand.Name) { Tags = { "PSHOST" } });
                connection = RunAsync((pipe, ct) => InteractiveSignIn.ConnectAsync(options, pipe.WriteWarning, pipe.WriteHost, ct));
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
            if (GraphPermissions.MissingReadWarning(context) is { } warning) WriteWarning(warning);
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
