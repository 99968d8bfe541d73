using System;
using System.Collections.Generic;
using System.Management.Automation;
using AdeTokens.Devices;

namespace AdeTokens
{
    /// <summary>
    /// What Get-AdeDevice was piped, per token: a profile stands for the devices assigned to it, a device for itself,
    /// anything else with a TokenId (a token included) for all of that token's devices.
    /// </summary>
    internal sealed class PipedDevices : Dictionary<string, PipedDeviceRequest>
    {
        public PipedDevices()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        /// <summary>Adds what <paramref name="input"/> stands for; PipelineInput writes the error for an object it cannot place.</summary>
        public void Add(PSCmdlet cmdlet, PSObject input)
        {
            switch (input.BaseObject)
            {
                case EnrollmentProfileInfo p when !string.IsNullOrEmpty(p.TokenId):
                    For(p.TokenId).Profiles.Add(p.Id);
                    return;
                case AdeDevice d when !string.IsNullOrEmpty(d.TokenId):
                    For(d.TokenId).Devices.Add(d.Id);
                    return;
                default:
                    var tokenId = PipelineInput.TokenId(cmdlet, input);
                    if (!string.IsNullOrWhiteSpace(tokenId)) For(tokenId!).All = true;
                    return;
            }
        }

        private PipedDeviceRequest For(string tokenId) => TryGetValue(tokenId, out var r) ? r : this[tokenId] = new PipedDeviceRequest();
    }
}
