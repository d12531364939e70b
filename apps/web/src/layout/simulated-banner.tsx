export function SimulatedBanner() {
  return (
    <div className="banner" role="note" data-testid="simulated-banner">
      <span className="banner__dot" aria-hidden="true" />
      Simulated data: no Twitch/X credentials are configured; numbers come from the built-in simulator.
    </div>
  );
}
