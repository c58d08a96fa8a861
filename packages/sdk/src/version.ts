/** This SDK's version: the pinned script URL and the content chunk's URL carry it. */
export const version = "0.1.0";
