# Helpers for the remediation tests: Apple-style server token files made from the simulator's public key, and
# small wrappers over the simulator's control routes. Needs PowerShell 7 (System.Security.Cryptography.Pkcs).

function New-AdeTestCertificate {
    # A self-signed certificate standing in for another MDM server's key (the wrong-recipient case).
    param([string] $Subject = 'CN=Some Other MDM Server')
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $rsa,
        [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $now = [DateTimeOffset]::UtcNow
    $request.CreateSelfSigned($now.AddDays(-1), $now.AddYears(1)).ExportCertificatePem()
}

function New-AdeTestServerToken {
    <#
    .SYNOPSIS
        Writes an S/MIME server token (.p7m) the way Apple Business Manager does: MIME headers, then the base64 of
        CMS enveloped data encrypted to the token's public key. The inner JSON carries access_token_expiry, which
        the simulator makes the token's new expiry.
    #>
    param(
        [Parameter(Mandatory)] [string] $PublicKeyPem,
        [Parameter(Mandatory)] [DateTimeOffset] $Expiry,
        [Parameter(Mandatory)] [string] $OutFile,
        [string] $ConsumerKey = 'CK_0123456789abcdef'
    )
    $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem($PublicKeyPem)
    $json = [ordered]@{
        consumer_key        = $ConsumerKey
        consumer_secret     = 'CS_secret_value_never_logged'
        access_token        = 'AT_secret_value_never_logged'
        access_secret       = 'AS_secret_value_never_logged'
        access_token_expiry = $Expiry.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
    } | ConvertTo-Json -Compress
    $inner = "Content-Type: text/plain;charset=UTF-8`r`nContent-Transfer-Encoding: 7bit`r`n`r`n-----BEGIN MESSAGE-----`r`n$json`r`n-----END MESSAGE-----`r`n"
    $content = [System.Security.Cryptography.Pkcs.ContentInfo]::new([Text.Encoding]::UTF8.GetBytes($inner))
    $envelope = [System.Security.Cryptography.Pkcs.EnvelopedCms]::new($content)
    $recipient = [System.Security.Cryptography.Pkcs.CmsRecipient]::new([System.Security.Cryptography.Pkcs.SubjectIdentifierType]::IssuerAndSerialNumber, $cert)
    $envelope.Encrypt($recipient)
    $body = [Convert]::ToBase64String($envelope.Encode(), [Base64FormattingOptions]::InsertLineBreaks)
    $text = "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=`"smime.p7m`"`r`n" +
        "Content-Transfer-Encoding: base64`r`nContent-Disposition: attachment; filename=`"smime.p7m`"`r`n`r`n" + $body + "`r`n"
    [IO.File]::WriteAllText($OutFile, $text, [Text.UTF8Encoding]::new($false))
    Get-Item -LiteralPath $OutFile
}

function Get-AdeTestTokenSecretMarker {
    # Strings that appear only inside a server token file; none may ever reach an output stream.
    param([Parameter(Mandatory)] [string] $Path)
    $lines = (Get-Content -LiteralPath $Path) | Where-Object { $_ -match '^[A-Za-z0-9+/=]{40,}$' }
    @($lines | Select-Object -First 3) + @('secret_value_never_logged')
}

function Get-AdeSimPost {
    # The POST requests the simulator recorded, optionally only those whose path ends with $Action.
    param([Parameter(Mandatory)] $Simulator, [string] $Action)
    # Invoke-RestMethod writes the JSON array as one object; enumerate it before filtering.
    @((Invoke-RestMethod -Uri "$($Simulator.Url)/_sim/requests") | ForEach-Object { $_ } | Where-Object { $_.method -eq 'POST' -and (-not $Action -or $_.path -like "*/$Action") })
}

function Set-AdeSimSyncOutcome {
    param([Parameter(Mandatory)] $Simulator, [Parameter(Mandatory)] [string] $TokenId, [Parameter(Mandatory)] $Outcome)
    $body = @{ syncOutcome = $Outcome } | ConvertTo-Json -Compress
    Invoke-RestMethod -Method Post -Uri "$($Simulator.Url)/_sim/tokens/$TokenId/syncOutcome" -Body $body -ContentType 'application/json' | Out-Null
}

function Invoke-AdeInRunspace {
    <#
    .SYNOPSIS
        Runs a script in a fresh runspace connected to the simulator, so a test can read its progress records
        or stop it like Ctrl+C does. Returns the PowerShell instance and the async handle.
    #>
    param(
        [Parameter(Mandatory)] $Simulator,
        [Parameter(Mandatory)] [string] $Token,
        [Parameter(Mandatory)] [scriptblock] $Script,
        [object[]] $ArgumentList = @()
    )
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
        param($module, $url, $token)
        Import-Module $module
        Connect-AdeGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint $url | Out-Null
    }).AddArgument((Get-AdeTestModulePath)).AddArgument($Simulator.Url).AddArgument($Token)
    $null = $ps.AddStatement().AddScript($Script)
    foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
    [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
}

function Get-AdeTestModulePath {
    if ($env:ADETOKENS_TEST_MODULE) { return $env:ADETOKENS_TEST_MODULE }
    $root = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $manifest = Import-PowerShellDataFile (Join-Path $root 'AdeTokens.psd1')
    Join-Path $root 'out' 'AdeTokens' $manifest.ModuleVersion 'AdeTokens.psd1'
}

Export-ModuleMember -Function New-AdeTestCertificate, New-AdeTestServerToken, Get-AdeTestTokenSecretMarker, Get-AdeSimPost, Set-AdeSimSyncOutcome, Invoke-AdeInRunspace
