# The module's Microsoft.Graph and Azure.Identity copies must not clash with older ones another module
# (Az.Accounts, Microsoft.Graph.Authentication) already loaded into the session. Runs in a child process,
# because an assembly loaded into the default context stays there for the life of the process.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sim = Start-AdeSimulator -Scenario 'paging.json'
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $script:oldAzureCore = Join-Path $packages 'azure.core/1.36.0/lib/net6.0/Azure.Core.dll'
    $script:pwsh = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
    } else { @([Environment]::ProcessPath) }
    # Where build.ps1 puts ReadyToRun images for the running .NET and platform (bin/net8.0/r2r/<this>), if it made any.
    $script:precompiledFolder = "net$([Environment]::Version.Major).0-$([Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)"
}

AfterAll {
    Stop-AdeSimulator $script:sim
}

Describe 'Assembly isolation on PowerShell 7' {
    It 'works when an older Azure.Core is already loaded in the session' {
        Test-Path $oldAzureCore | Should -BeTrue -Because 'tests/tools/tools.csproj downloads Azure.Core 1.36.0'
        $token = New-AdeSimToken -Simulator $sim
        $script = Join-Path $TestDrive 'isolation.ps1'
        @"
`$ErrorActionPreference = 'Stop'
`$old = [Reflection.Assembly]::LoadFrom('$oldAzureCore')
Import-Module '$(Get-AdeTestModulePath)'
Connect-AdeGraph -AccessToken (ConvertTo-SecureString '$token' -AsPlainText -Force) -GraphEndpoint '$($sim.Url)' | Out-Null
'count=' + @(Get-AdeTokenStatus).Count
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Azure.Core' } | ForEach-Object {
    'azurecore={0}|{1}' -f `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
"@ | Set-Content $script
        $rest = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)
        $output = & $pwsh[0] @rest 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'count=7'
        $output | Should -Match 'azurecore=1\.36\.0\.0\|Default'
        $output | Should -Match 'azurecore=1\.\d+\.0\.0\|AdeTokens'
    }
}

Describe 'Framework assemblies on PowerShell 7' {
    It 'takes the running .NET''s own copy of an assembly it also ships when that copy is as new, and the module''s otherwise' {
        $token = New-AdeSimToken -Simulator $sim
        $lib = Join-Path (Split-Path (Get-AdeTestModulePath)) 'bin/net8.0/lib'
        $script = Join-Path $TestDrive 'framework.ps1'
        @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-AdeTestModulePath)'
Connect-AdeGraph -AccessToken (ConvertTo-SecureString '$token' -AsPlainText -Force) -GraphEndpoint '$($sim.Url)' | Out-Null
'count=' + @(Test-AdeTokenHealth -IncludeDevices -ProgressAction SilentlyContinue).Count
foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if (`$a.IsDynamic) { continue }
    'loaded|{0}|{1}|{2}' -f `$a.GetName().Name, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).Name, `$a.Location
}
"@ | Set-Content $script
        $rest = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)
        $output = & $pwsh[0] @rest 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'count=7'
        $loaded = @($output -split "`r?`n" | Where-Object { $_ -like 'loaded|*' } | ForEach-Object { $f = $_ -split '\|', 4; [pscustomobject]@{ Name = $f[1]; Context = $f[2]; Location = $f[3] } })
        $framework = Split-Path ([object].Assembly.Location)
        $checked = 0
        foreach ($dll in Get-ChildItem $lib -Filter '*.dll') {
            $name = $dll.BaseName
            $copy = @($loaded | Where-Object Name -eq $name)
            if (-not $copy) { continue }
            $copy.Count | Should -Be 1 -Because "$name must load once"
            $runtimeCopy = Join-Path $framework $dll.Name
            $fromFramework = (Test-Path $runtimeCopy) -and ([Reflection.AssemblyName]::GetAssemblyName($runtimeCopy).Version -ge [Reflection.AssemblyName]::GetAssemblyName($dll.FullName).Version)
            if ($fromFramework) {
                $copy[0].Location | Should -Be $runtimeCopy -Because "the running .NET has $name at the version the module ships or later"
                $copy[0].Context | Should -Be 'Default'
            }
            else {
                # A ReadyToRun image made for this .NET and platform, where build.ps1 made one; the IL otherwise.
                $image = Join-Path (Split-Path $lib) 'r2r' $precompiledFolder $dll.Name
                $expected = if (Test-Path $image) { $image } else { $dll.FullName }
                $copy[0].Location | Should -Be $expected -Because "$name is not in the running .NET, or only older"
                $copy[0].Context | Should -Be 'AdeTokens'
            }
            $checked++
        }
        $checked | Should -BeGreaterThan 10 -Because 'a health run loads Graph, Kiota, Azure.Core and the JSON stack'
        # On this PowerShell (.NET 10) the JSON stack is the runtime's: precompiled, not JIT-compiled per process.
        if ([Environment]::Version.Major -ge 10) {
            ($loaded | Where-Object Name -eq 'System.Text.Json').Location | Should -BeLike "$framework*"
        }
        ($loaded | Where-Object Name -eq 'Microsoft.Kiota.Abstractions').Context | Should -Be 'AdeTokens'
    }
}

Describe 'Precompiled code on PowerShell 7' {
    It 'ships ReadyToRun images for .NET 10 on Windows and Linux x64, of the assemblies a health check runs through' {
        $r2r = Join-Path (Split-Path (Get-AdeTestModulePath)) 'bin/net8.0/r2r'
        foreach ($rid in 'linux-x64', 'win-x64') {
            $names = @(Get-ChildItem (Join-Path $r2r "net10.0-$rid") -Filter '*.dll' | ForEach-Object BaseName | Sort-Object)
            $names | Should -Contain 'AdeTokens.Core'
            $names | Should -Contain 'Microsoft.Kiota.Http.HttpClientLibrary'
            $names | Should -Not -Contain 'Microsoft.Graph' -Because 'its 44 MB of models are not on the request path'
        }
    }

    It 'runs them without JIT-compiling the module''s own code, where they were made for the running .NET' {
        # What went wrong once: images compiled against .NET 8 load on .NET 10 without error, and the runtime quietly
        # JIT-compiles every method from their IL. So the JIT itself is asked, through its events.
        $folder = Join-Path (Split-Path (Get-AdeTestModulePath)) 'bin/net8.0/r2r' $precompiledFolder
        if (-not (Test-Path $folder)) { Set-ItResult -Skipped -Because "no images are made for .NET $([Environment]::Version.Major) on this platform" }
        $token = New-AdeSimToken -Simulator $sim
        $script = Join-Path $TestDrive 'jit.ps1'
        @"
`$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System.Diagnostics.Tracing;
using System.Threading;
public sealed class AdeJitCount : EventListener
{
    public static int Ours, Kiota;
    public static volatile bool On;
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName != "MethodJittingStarted_V1") return;
        var ns = e.Payload[e.PayloadNames.IndexOf("MethodNamespace")] as string ?? "";
        if (ns.StartsWith("AdeTokens.")) Interlocked.Increment(ref Ours);
        else if (ns.StartsWith("Microsoft.Kiota.")) Interlocked.Increment(ref Kiota);
    }
}
'@
Import-Module '$(Get-AdeTestModulePath)'
Connect-AdeGraph -AccessToken (ConvertTo-SecureString '$token' -AsPlainText -Force) -GraphEndpoint '$($sim.Url)' | Out-Null
`$listener = [AdeJitCount]::new()
Start-Sleep -Milliseconds 300
[AdeJitCount]::On = `$true
'count=' + @(Test-AdeTokenHealth -IncludeDevices -ProgressAction SilentlyContinue).Count
Start-Sleep -Milliseconds 500
[AdeJitCount]::On = `$false
'jit={0}|{1}' -f [AdeJitCount]::Ours, [AdeJitCount]::Kiota
"@ | Set-Content $script
        $rest = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)
        $output = & $pwsh[0] @rest 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'count=7'
        $output -match 'jit=(\d+)\|(\d+)' | Should -BeTrue -Because $output
        # From IL this run compiles about 640 of the module's methods and 180 of Kiota's; with the images about 50 and
        # 10, generic instantiations over the framework's types, which no image of ours can hold.
        [int]$Matches[1] | Should -BeLessThan 150 -Because "the module's methods should come precompiled ($output)"
        [int]$Matches[2] | Should -BeLessThan 60 -Because "Kiota's methods should come precompiled ($output)"
    }
}

Describe 'What Import-Module loads on PowerShell 7' {
    BeforeAll {
        # A fresh process: whatever this session already loaded must not hide what the import loads.
        $script = Join-Path $TestDrive 'import.ps1'
        @"
`$ErrorActionPreference = 'Stop'
function Show-Assemblies([string] `$When) {
    foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies()) {
        if (`$a.IsDynamic) { continue }
        '{0}|{1}|{2}|{3}' -f `$When, `$a.GetName().Name, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).Name, `$a.Location
    }
}
Import-Module '$(Get-AdeTestModulePath)'
'cmdlets={0}' -f @(Get-Command -Module AdeTokens -CommandType Cmdlet).Count
Show-Assemblies 'import'
# Again, as Remove-Module, Import-Module -Force and a second runspace do it: the same assembly must come back.
Remove-Module AdeTokens
Import-Module '$(Get-AdeTestModulePath)' -Force
`$first = (Get-Command Get-AdeTokenStatus).ImplementingType.Assembly
`$ps = [powershell]::Create()
`$null = `$ps.AddScript("Import-Module '$(Get-AdeTestModulePath)'; (Get-Command Get-AdeTokenStatus).ImplementingType.Assembly")
`$second = `$ps.Invoke()[0]
'same-in-runspace={0}' -f [object]::ReferenceEquals(`$first, `$second)
Show-Assemblies 'again'
"@ | Set-Content $script
        $rest = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)
        $script:output = & $pwsh[0] @rest 2>&1 | Out-String
        $script:exitCode = $LASTEXITCODE
        $script:loaded = @($output -split "`r?`n" | Where-Object { $_ -match '^(import|again)\|' } | ForEach-Object {
                $f = $_ -split '\|', 4
                [pscustomobject]@{ When = $f[0]; Name = $f[1]; Context = $f[2]; Location = $f[3] }
            })
        $script:moduleDir = Split-Path (Get-AdeTestModulePath)
    }

    It 'imports every cmdlet the manifest exports' {
        $exitCode | Should -Be 0 -Because $output
        $expected = @((Import-PowerShellDataFile (Get-AdeTestModulePath)).CmdletsToExport).Count
        $expected | Should -BeGreaterThan 0
        $output | Should -Match "cmdlets=$expected\b"
    }

    It 'loads no Graph, Azure, Kiota or identity assembly, and nothing of ours but the cmdlets, core and loader' {
        $exitCode | Should -Be 0 -Because $output
        $import = @($loaded | Where-Object When -eq 'import')
        $import.Count | Should -BeGreaterThan 10 -Because $output
        @($import | Where-Object Name -Match '^(Microsoft\.Graph|Azure\.|Microsoft\.Kiota|Microsoft\.Identity|System\.IdentityModel|Std\.UriTemplate)') | ForEach-Object Name | Should -BeNullOrEmpty
        # Anything PowerShell itself loads (it uses System.Text.Json for its own formatting) comes from PSHOME, never from the module.
        @($import | Where-Object { $_.Location -like "$moduleDir*" } | ForEach-Object Name | Sort-Object) | Should -Be @('AdeTokens', 'AdeTokens.Bootstrap', 'AdeTokens.Core', 'AdeTokens.Loader')
        @($import | Where-Object Context -eq 'AdeTokens' | ForEach-Object Name | Sort-Object) | Should -Be @('AdeTokens', 'AdeTokens.Core')
    }

    It 'puts the cmdlet assembly in the private context once, and only the bootstrap and loader in the default one' {
        $exitCode | Should -Be 0 -Because $output
        foreach ($when in 'import', 'again') {
            $ours = @($loaded | Where-Object { $_.When -eq $when -and $_.Location -like "$moduleDir*" })
            @($ours | Where-Object Name -eq 'AdeTokens').Count | Should -Be 1 -Because "AdeTokens.dll must not also load into the default context ($when)"
            ($ours | Where-Object Name -eq 'AdeTokens').Context | Should -Be 'AdeTokens'
            @($ours | Where-Object Context -eq 'Default' | ForEach-Object Name | Sort-Object) | Should -Be @('AdeTokens.Bootstrap', 'AdeTokens.Loader')
        }
        $output | Should -Match 'same-in-runspace=True'
    }
}
