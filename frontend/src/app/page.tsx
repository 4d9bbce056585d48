"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { FloorScreen } from "@/features/floor/FloorScreen";
import { floorMessages } from "@/features/floor/messages";
import { registerMessages } from "@/i18n/catalog";

registerMessages(floorMessages);

export default function Page() {
  return <FloorScreen />;
}
