namespace AdeTokens.Graph
{
    /// <summary>No certificate with the thumbprint is in the personal stores.</summary>
    public sealed class CertificateNotFoundException : AdeException
    {
        internal CertificateNotFoundException(string wanted, string given)
            : base($"No certificate with thumbprint {wanted} was found in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My.", "CertificateNotFound", AdeErrorCategory.ObjectNotFound, given,
                "Import the app's certificate with its private key into the personal store, or pass it with -Certificate.", null)
        {
        }
    }
}
