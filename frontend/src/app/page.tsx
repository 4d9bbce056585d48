import { App } from "@/components/App";

// The whole dashboard runs in the browser: the export only ships the loading screen.
export default function HomePage() {
  return <App />;
}
