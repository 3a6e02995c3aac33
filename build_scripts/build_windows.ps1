# Build PartyDesk for Windows as one folder (dist\PartyDesk) and a zip, then smoke-test it.
# Run in PowerShell from the repository root on a Windows 10/11 x64 machine with
# Python 3.11 (64-bit) from python.org:
#     powershell -ExecutionPolicy Bypass -File build_scripts\build_windows.ps1
# This script has NOT been run by the project's CI (which is Linux only); see README.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
& .\.venv\Scripts\python.exe -m pip install --upgrade pip
& .\.venv\Scripts\python.exe -m pip install -c build_scripts\requirements.lock -e ".[build]"

$sw = [Diagnostics.Stopwatch]::StartNew()
& .\.venv\Scripts\python.exe -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller build_scripts\partydesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$sw.Stop()

$size = (Get-ChildItem dist\PartyDesk -Recurse | Measure-Object Length -Sum).Sum / 1MB
Compress-Archive -Path dist\PartyDesk -DestinationPath dist\PartyDesk-windows.zip -Force
$zip = (Get-Item dist\PartyDesk-windows.zip).Length / 1MB
"built dist\PartyDesk in {0:N0}s: {1:N0} MB, zipped {2:N0} MB" -f $sw.Elapsed.TotalSeconds, $size, $zip

$env:QT_QPA_PLATFORM = "offscreen"
& .\dist\PartyDesk\partydesk.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "self-test of the built program failed" }

# The installer (Start-menu entry, .partydesk association), when Inno Setup 6 is installed.
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (Test-Path $iscc) {
    $version = (& .\.venv\Scripts\python.exe -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
    & $iscc "/DAppVersion=$version" build_scripts\partydesk.iss
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
} else {
    "Inno Setup 6 not found: installer not built (dist\PartyDesk works as it is)"
}
